using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Recipes.Ci.Alerts;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;
using Recipes.Ci.Tenants;
using TestKit;

namespace Recipes.Ci.Tests.Tenants;

[Trait("Category", "Services")]
public sealed class PostgresTenantProviderTests : IAsyncLifetime
{
    private readonly PostgresTenantProvider _provider = new(TestEnvironment.PostgresConnectionString, TimeProvider.System, NullLogger<PostgresTenantProvider>.Instance);
    private readonly List<RunId> _runs = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var run in _runs) await _provider.DeleteAsync(run, CancellationToken.None);
    }

    private RunId NewRun()
    {
        var run = RunId.Parse(UniqueName.For("pg"));
        _runs.Add(run);
        return run;
    }

    [Fact]
    public async Task Creates_a_database_reachable_with_the_returned_credentials_and_drops_it()
    {
        var run = NewRun();
        var tenant = await _provider.CreateAsync(run, TenantRequest.Empty, CancellationToken.None);

        Assert.Equal(PostgresTenantProvider.DatabaseName(run), tenant.Name);
        Assert.StartsWith("ci_rct_pg_", tenant.Name);
        await using (var connection = new NpgsqlConnection(tenant.Environment["TENANT_CONNECTION_STRING"]))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE t (x int); INSERT INTO t VALUES (42); SELECT current_user || '@' || current_database()", connection);
            Assert.Equal($"{tenant.Name}@{tenant.Name}", await command.ExecuteScalarAsync());
        }
        Assert.Contains(await _provider.ListAsync(CancellationToken.None), t => t.Run == run);
        var createdAt = await _provider.CreatedAtAsync(run, CancellationToken.None);
        Assert.NotNull(createdAt);
        Assert.True(Math.Abs((createdAt.Value - tenant.CreatedAt).TotalSeconds) < 1);

        NpgsqlConnection.ClearAllPools();
        Assert.True(await _provider.DeleteAsync(run, CancellationToken.None));
        Assert.False(await _provider.DeleteAsync(run, CancellationToken.None));
        Assert.DoesNotContain(await _provider.ListAsync(CancellationToken.None), t => t.Run == run);
        await using var gone = new NpgsqlConnection(tenant.Environment["TENANT_CONNECTION_STRING"]);
        await Assert.ThrowsAsync<PostgresException>(() => gone.OpenAsync());
    }

    [Fact]
    public async Task Creating_again_keeps_the_data_and_hands_out_a_working_new_password()
    {
        var run = NewRun();
        var first = await _provider.CreateAsync(run, TenantRequest.Empty, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(first.Environment["TENANT_CONNECTION_STRING"]))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE TABLE kept (x int)", connection);
            await command.ExecuteNonQueryAsync();
        }
        NpgsqlConnection.ClearAllPools();

        var second = await _provider.CreateAsync(run, TenantRequest.Empty, CancellationToken.None);

        Assert.NotEqual(first.Environment["TENANT_PASSWORD"], second.Environment["TENANT_PASSWORD"]);
        Assert.Equal(first.CreatedAt, second.CreatedAt);
        await using var again = new NpgsqlConnection(second.Environment["TENANT_CONNECTION_STRING"]);
        await again.OpenAsync();
        await using var check = new NpgsqlCommand("SELECT count(*) FROM kept", again);
        Assert.Equal(0L, await check.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_tenant_cannot_connect_to_another_runs_database()
    {
        var a = await _provider.CreateAsync(NewRun(), TenantRequest.Empty, CancellationToken.None);
        var b = await _provider.CreateAsync(NewRun(), TenantRequest.Empty, CancellationToken.None);
        var intruder = new NpgsqlConnectionStringBuilder(a.Environment["TENANT_CONNECTION_STRING"]) { Database = b.Name };

        await using var connection = new NpgsqlConnection(intruder.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        Assert.Equal("42501", error.SqlState);
    }

    [Fact]
    public async Task The_reaper_drops_the_database_of_a_dead_run_past_grace_and_keeps_a_live_one()
    {
        var dead = NewRun();
        var live = NewRun();
        await _provider.CreateAsync(dead, TenantRequest.Empty, CancellationToken.None);
        await _provider.CreateAsync(live, TenantRequest.Empty, CancellationToken.None);
        using var alerts = new TempFolder("alerts");
        var reaper = new TenantReaper(_provider, new FakeRunLiveness(dead.Value), new AlertOnce(new AlertStore(alerts.Path, NullLogger<AlertStore>.Instance), TimeProvider.System),
            new TenantsOptions(10_000, TimeSpan.Zero), TimeProvider.System, NullLogger<TenantReaper>.Instance);
        NpgsqlConnection.ClearAllPools();

        var report = await reaper.ReapAsync(dryRun: false, CancellationToken.None);

        Assert.Equal([PostgresTenantProvider.DatabaseName(dead)], report.Deleted);
        var left = await _provider.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(left, t => t.Run == dead);
        Assert.Contains(left, t => t.Run == live);
    }

    [Theory]
    [InlineData("ci_abc", true)]
    [InlineData("ci_a_b", true)]
    [InlineData("ci_", false)]
    [InlineData("ci__x", false)]
    [InlineData("postgres", false)]
    [InlineData("ci_x\"; DROP", false)]
    public void Only_names_made_from_run_ids_are_tenants(string database, bool isTenant)
    {
        Assert.Equal(isTenant, PostgresTenantProvider.TryParseRun(database, out _));
    }
}
