using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>
/// A PostgreSQL database <c>ci_&lt;run&gt;</c> per run, owned by a login role of the same name with a generated
/// password; <c>CONNECT</c> is revoked from PUBLIC so runs cannot reach each other's data. The creation record is a
/// JSON comment on the database (<c>{"recipeci":{"runId":...,"createdAt":...}}</c>). Creating again (a re-run)
/// keeps the database and sets a new password, since the old one is not stored anywhere.
/// Identifiers come only from validated run ids and are quoted anyway; the password is hex, so it is safe inline
/// (PostgreSQL does not take parameters in utility statements).
/// </summary>
public sealed class PostgresTenantProvider(string adminConnectionString, TimeProvider time, ILogger<PostgresTenantProvider> logger) : ITenantProvider
{
    private const string Prefix = "ci_";

    public string Kind => "postgres";

    public static string DatabaseName(RunId run) => Prefix + run.Value.Replace('-', '_');

    public static bool TryParseRun(string database, out RunId run)
    {
        run = null!;
        return database.StartsWith(Prefix, StringComparison.Ordinal) && RunId.TryParse(database[Prefix.Length..].Replace('_', '-'), out run)
            && DatabaseName(run) == database;
    }

    public async Task<Tenant> CreateAsync(RunId run, TenantRequest request, CancellationToken cancellationToken)
    {
        var name = DatabaseName(run);
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var admin = await OpenAsync(cancellationToken);

        var roleExists = await ExistsAsync(admin, "SELECT 1 FROM pg_roles WHERE rolname = @name", name, cancellationToken);
        await ExecuteAsync(admin, $"{(roleExists ? "ALTER" : "CREATE")} ROLE {Quote(name)} WITH LOGIN PASSWORD '{password}'", cancellationToken);

        var createdAt = time.GetUtcNow();
        if (await ExistsAsync(admin, "SELECT 1 FROM pg_database WHERE datname = @name", name, cancellationToken))
        {
            createdAt = await CreatedAtAsync(admin, name, cancellationToken) ?? createdAt;
            logger.LogInformation("Database {Database} of run {Run} already exists; reusing it with a new password", name, run.Value);
        }
        else
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {Quote(name)} OWNER {Quote(name)}", cancellationToken);
            await ExecuteAsync(admin, $"REVOKE CONNECT ON DATABASE {Quote(name)} FROM PUBLIC", cancellationToken);
            var record = JsonSerializer.Serialize(new { recipeci = new { runId = run.Value, createdAt = createdAt.ToString("O", CultureInfo.InvariantCulture) } });
            await ExecuteAsync(admin, $"COMMENT ON DATABASE {Quote(name)} IS '{record.Replace("'", "''", StringComparison.Ordinal)}'", cancellationToken);
            logger.LogInformation("Created database {Database} for run {Run}", name, run.Value);
        }

        var server = new NpgsqlConnectionStringBuilder(adminConnectionString);
        var host = server.Host ?? "127.0.0.1";
        var tenant = new NpgsqlConnectionStringBuilder { Host = host, Port = server.Port, Database = name, Username = name, Password = password };
        return new Tenant(Kind, name, run, createdAt, new Dictionary<string, string>
        {
            ["TENANT_KIND"] = Kind,
            ["TENANT_DATABASE"] = name,
            ["TENANT_USER"] = name,
            ["TENANT_PASSWORD"] = password,
            ["TENANT_HOST"] = host,
            ["TENANT_PORT"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["TENANT_CONNECTION_STRING"] = tenant.ConnectionString,
            ["TENANT_DATABASE_URL"] = $"postgresql://{name}:{password}@{host}:{server.Port}/{name}",
        });
    }

    public async Task<bool> DeleteAsync(RunId run, CancellationToken cancellationToken)
    {
        var name = DatabaseName(run);
        await using var admin = await OpenAsync(cancellationToken);
        var existed = await ExistsAsync(admin, "SELECT 1 FROM pg_database WHERE datname = @name", name, cancellationToken);
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", cancellationToken);
        await ExecuteAsync(admin, $"DROP ROLE IF EXISTS {Quote(name)}", cancellationToken);
        logger.LogInformation(existed ? "Dropped database {Database}" : "Database {Database} was already gone", name);
        return existed;
    }

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(@"SELECT datname FROM pg_database WHERE datname LIKE 'ci\_%' ORDER BY datname", admin);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tenants = new List<TenantInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            if (TryParseRun(name, out var run)) tenants.Add(new TenantInfo(run, name));
        }
        return tenants;
    }

    public async Task<DateTimeOffset?> CreatedAtAsync(RunId run, CancellationToken cancellationToken)
    {
        await using var admin = await OpenAsync(cancellationToken);
        return await CreatedAtAsync(admin, DatabaseName(run), cancellationToken);
    }

    private static async Task<DateTimeOffset?> CreatedAtAsync(NpgsqlConnection admin, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @name", admin);
        command.Parameters.AddWithValue("name", name);
        if (await command.ExecuteScalarAsync(cancellationToken) is not string comment) return null;
        try
        {
            using var doc = JsonDocument.Parse(comment);
            var text = doc.RootElement.GetProperty("recipeci").GetProperty("createdAt").GetString();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var createdAt) ? createdAt : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection admin, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection admin, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
