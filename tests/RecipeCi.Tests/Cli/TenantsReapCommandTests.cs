using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Recipes.Ci.Catalog;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Ci.Tenants;
using TestKit;
using TestKit.Keycloak;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci tenants reap</c> as the built executable, against the Keycloak fake and the real PostgreSQL: tenants of
/// runs that no longer run and older than the grace period are listed by a dry run and deleted by a real one; a live
/// run's tenants and young ones stay.
/// </summary>
[Trait("Category", "Services")]
public sealed class TenantsReapCommandTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("tenants-cli");
    private readonly List<RunId> _pgRuns = [];
    private KeycloakFake _keycloak = null!;
    private ServiceProvider? _db;

    private string DataDir => Path.Combine(_folder.Path, "data");

    public async Task InitializeAsync()
    {
        _keycloak = await KeycloakFake.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton(AppLockOptions.Default);
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(DataDir, "recipeci.db")}"));
        _db = services.BuildServiceProvider();
    }

    [Fact]
    public async Task Dry_run_lists_the_orphans_and_a_real_run_deletes_them_in_Keycloak_and_PostgreSQL()
    {
        // The first command migrates the domain database; nothing is configured to have tenants yet.
        var (exit, output) = await RecipeCiAsync(withTenants: false, "tenants", "reap");
        Assert.Equal(0, exit);
        Assert.Contains("nothing to reap", output);

        var dead = UniqueName.For("dead");
        var live = UniqueName.For("live");
        var young = UniqueName.For("young");
        await Runs.StartAsync(new RunStart(live, "inst-" + live, RunModes.Quick, "app", "main", null, null, RunTriggers.Manual, null), CancellationToken.None);
        await Runs.StartAsync(new RunStart(dead, "inst-" + dead, RunModes.Cold, "app", "main", null, null, RunTriggers.Manual, null), CancellationToken.None);
        await Runs.FinishAsync(dead, RunResults.Fail, CancellationToken.None);
        SeedRealm(dead, TimeSpan.FromHours(2));
        SeedRealm(live, TimeSpan.FromHours(2));
        SeedRealm(young, TimeSpan.FromMinutes(1));
        var old = new PostgresTenantProvider(TestEnvironment.PostgresConnectionString, new ShiftedTime(TimeSpan.FromHours(-2)), NullLogger<PostgresTenantProvider>.Instance);
        foreach (var run in new[] { dead, live })
        {
            _pgRuns.Add(RunId.Parse(run));
            await old.CreateAsync(RunId.Parse(run), TenantRequest.Empty, CancellationToken.None);
        }

        (exit, output) = await RecipeCiAsync(withTenants: true, "tenants", "reap", "--dry-run", "--json");
        Assert.True(exit == 0, output);
        var plan = Json(output);
        Assert.True(plan["dryRun"]!.GetValue<bool>());
        Assert.Equal(["ci-" + dead], Deleted(plan, "keycloak"));
        Assert.Contains(PostgresTenantProvider.DatabaseName(RunId.Parse(dead)), Deleted(plan, "pg"));
        Assert.Contains("ci-" + dead, _keycloak.RealmNames);
        Assert.True(await DatabaseExistsAsync(dead));

        (exit, output) = await RecipeCiAsync(withTenants: true, "tenants", "reap");
        Assert.True(exit == 0, output);
        Assert.Contains("keycloak (keycloak): deleted 1, kept 2", output);
        Assert.Matches(@"\d+ orphan tenant\(s\) deleted", output);

        Assert.Equal(["ci-" + live, "ci-" + young, "master"], _keycloak.RealmNames);
        Assert.False(await DatabaseExistsAsync(dead));
        Assert.True(await DatabaseExistsAsync(live));
    }

    [Fact]
    public async Task An_unreachable_Keycloak_is_named_and_exits_1()
    {
        var (exit, output) = await RecipeCiAsync(withTenants: true, ["tenants", "reap"],
            new Dictionary<string, string> { ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = "wrong" });
        Assert.Equal(1, exit);
        Assert.Contains("Reaping tenants failed", output);
    }

    private RunRecords Runs => _db!.GetRequiredService<RunRecords>();

    private void SeedRealm(string run, TimeSpan age) => _keycloak.SeedRealm(new JsonObject
    {
        ["realm"] = "ci-" + run,
        ["enabled"] = true,
        ["attributes"] = new JsonObject
        {
            ["recipeci.createdAt"] = (DateTimeOffset.UtcNow - age).ToString("O", CultureInfo.InvariantCulture),
            ["recipeci.runId"] = run,
        },
    });

    private static IReadOnlyList<string> Deleted(JsonNode plan, string dependency) =>
        plan["dependencies"]!.AsArray().Single(d => d!["dependency"]!.GetValue<string>() == dependency)!["report"]!["deleted"]!.AsArray()
            .Select(n => n!.GetValue<string>()).ToList();

    private static async Task<bool> DatabaseExistsAsync(string run)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", PostgresTenantProvider.DatabaseName(RunId.Parse(run)));
        return await command.ExecuteScalarAsync() is not null;
    }

    private Task<(int Exit, string Output)> RecipeCiAsync(bool withTenants, params string[] args) => RecipeCiAsync(withTenants, args, null);

    private async Task<(int Exit, string Output)> RecipeCiAsync(bool withTenants, string[] args, Dictionary<string, string>? extra)
    {
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = DataDir,
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
            ["RECIPECI_Tenants__GracePeriodMinutes"] = "30",
        };
        if (withTenants)
        {
            env["RECIPECI_Warm__Dependencies__0__Name"] = "keycloak";
            env["RECIPECI_Warm__Dependencies__0__Recipe"] = "keycloak";
            env["RECIPECI_Warm__Dependencies__0__Tenants__Provider"] = "Keycloak";
            env["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__Url"] = _keycloak.BaseUrl.AbsoluteUri;
            env["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminUser"] = _keycloak.AdminUser;
            env["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = _keycloak.AdminPassword;
            env["RECIPECI_Warm__Dependencies__1__Name"] = "pg";
            env["RECIPECI_Warm__Dependencies__1__Recipe"] = "postgres";
            env["RECIPECI_Warm__Dependencies__1__Tenants__Provider"] = "Postgres";
            env["RECIPECI_Warm__Dependencies__1__Tenants__Postgres__ConnectionString"] = TestEnvironment.PostgresConnectionString;
        }
        foreach (var (key, value) in extra ?? []) env[key] = value;
        return await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(2), env);
    }

    /// <summary>The JSON document in the output: logs and progress go to stderr, which the process output interleaves.</summary>
    private static JsonNode Json(string output)
    {
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith('{'));
        Assert.True(first >= 0, output);
        var last = Array.FindLastIndex(lines, l => l.TrimEnd() == "}");
        return JsonNode.Parse(string.Join('\n', lines[first..(last + 1)])) ?? throw new InvalidOperationException(output);
    }

    /// <summary>A clock set back, so a tenant created now looks as if it was created earlier.</summary>
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    public async Task DisposeAsync()
    {
        var provider = new PostgresTenantProvider(TestEnvironment.PostgresConnectionString, TimeProvider.System, NullLogger<PostgresTenantProvider>.Instance);
        foreach (var run in _pgRuns) await provider.DeleteAsync(run, CancellationToken.None);
        NpgsqlConnection.ClearAllPools();
        if (_db is not null)
            await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        await _keycloak.DisposeAsync();
        _folder.Dispose();
    }
}
