using Npgsql;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Workflows.Persistence.Tests.Configuration;

/// <summary>
/// The connection string the stores and the instance locks open: statements prepared automatically, no TLS to a
/// server on this machine, and whatever the operator set kept as set.
/// </summary>
public sealed class PostgresConnectionStringsTests
{
    [Theory]
    [InlineData("Host=127.0.0.1;Username=u", true)]
    [InlineData("Host=localhost;Username=u", true)]
    [InlineData("Host=/var/run/postgresql;Username=u", true)]
    [InlineData("Host=db.example.org;Username=u", false)]
    public void A_server_on_this_machine_is_reached_without_tls_and_statements_are_prepared(string given, bool local)
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalize(given));
        Assert.Equal(32, normalized.MaxAutoPrepare);
        Assert.Equal(2, normalized.AutoPrepareMinUsages);
        Assert.Equal(local ? SslMode.Disable : SslMode.Prefer, normalized.SslMode);
        Assert.True(normalized.NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;SSL Mode=Require;Max Auto Prepare=0;No Reset On Close=false", SslMode.Require, 0)]
    [InlineData("Host=127.0.0.1;sslmode=prefer;maxautoprepare=5;noresetonclose=false", SslMode.Prefer, 5)]
    public void Settings_the_operator_gave_are_kept(string given, SslMode ssl, int maxAutoPrepare)
    {
        var normalized = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalize(given));
        Assert.Equal(ssl, normalized.SslMode);
        Assert.Equal(maxAutoPrepare, normalized.MaxAutoPrepare);
        Assert.False(normalized.NoResetOnClose);
    }

    [Fact]
    public async Task On_the_real_server_the_session_has_no_tls_and_a_repeated_statement_is_prepared()
    {
        await using var source = NpgsqlDataSource.Create(PostgresConnectionStrings.Normalize(TestEnvironment.PostgresConnectionString));
        await using var connection = await source.OpenConnectionAsync();
        await using (var ssl = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection))
            Assert.Equal(false, await ssl.ExecuteScalarAsync());
        for (var i = 0; i < 3; i++)
        {
            await using var repeated = new NpgsqlCommand("SELECT $1::int + 1", connection) { Parameters = { new NpgsqlParameter { Value = i } } };
            await repeated.ExecuteScalarAsync();
        }
        await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1'", connection);
        Assert.Equal(1L, await prepared.ExecuteScalarAsync());
    }

    [Fact]
    public async Task On_the_real_server_a_connection_is_reused_without_a_reset_unless_the_connection_string_asks_for_one()
    {
        // A session setting survives the return to the pool only when the reset is off (one connection in each pool).
        async Task<string?> SettingAfterReuseAsync(string connectionString)
        {
            var single = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 1 }.ToString();
            await using var source = NpgsqlDataSource.Create(single);
            await using (var first = await source.OpenConnectionAsync())
            await using (var set = new NpgsqlCommand("SELECT set_config('application_name', 'left-behind', false)", first))
                await set.ExecuteScalarAsync();
            await using var second = await source.OpenConnectionAsync();
            await using var read = new NpgsqlCommand("SELECT current_setting('application_name')", second);
            return (string?)await read.ExecuteScalarAsync();
        }

        Assert.Equal("left-behind", await SettingAfterReuseAsync(PostgresConnectionStrings.Normalize(TestEnvironment.PostgresConnectionString)));
        var withReset = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { NoResetOnClose = false }.ToString();
        Assert.NotEqual("left-behind", await SettingAfterReuseAsync(PostgresConnectionStrings.Normalize(withReset)));
    }
}
