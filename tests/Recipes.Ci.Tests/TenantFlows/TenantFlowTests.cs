using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Recipes.Ci.Tests.EndToEnd;
using TestKit;
using TestKit.Keycloak;
using Xunit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.TenantFlows;

/// <summary>
/// Must-show 6 and 8 through <c>recipeci run workflows/cold.json</c> and <c>workflows/housekeeping.json</c> on the
/// real Swarm, with the Keycloak fake (in process, loopback) as the warm Keycloak's admin endpoint.
/// </summary>
[Trait("Category", "Services")]
public sealed class TenantFlowTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Concurrent_runs_get_distinct_realms_deleted_at_teardown_and_a_killed_runs_realm_and_leftovers_are_reaped()
    {
        await using var keycloak = await KeycloakFake.StartAsync();
        await using var world = new CiWorld(docker);
        var env = Settings(keycloak);
        var first = AddRecipe(world, holdSeconds: 4);
        var second = AddRecipe(world, holdSeconds: 4);

        // Two cold runs at once: while both hold their realm, there are two distinct ci-* realms.
        var runs = new[] { first, second }.Select(r => world.RunAsync("cold", env, ("Recipe", r), ("Ref", "1.0.0+1.0"))).ToList();
        var seen = new HashSet<string>();
        // Samples the realms until both runs ended (each run's own timeout is 4 minutes).
        await Eventually.UntilAsync(() =>
        {
            if (runs.All(r => r.IsCompleted)) return true;
            var live = keycloak.RealmNames.Where(n => n.StartsWith("ci-", StringComparison.Ordinal)).ToList();
            if (live.Count == 2) seen.UnionWith(live);
            return false;
        }, TimeSpan.FromMinutes(5), () => $"the two cold runs did not end; realms seen: {string.Join(", ", seen)}", TimeSpan.FromMilliseconds(100));
        var results = await Task.WhenAll(runs);
        foreach (var (code, result, raw) in results)
        {
            output.WriteLine(raw);
            Assert.Equal(0, code);
            Assert.Equal("pass", result["Result"]?.ToString());
        }
        var runIds = results.Select(r => r.Output["RunId"]!.ToString()).ToList();
        Assert.Equal(runIds.Select(id => "ci-" + id).Order(), seen.Order());
        Assert.DoesNotContain(keycloak.RealmNames, n => n.StartsWith("ci-", StringComparison.Ordinal));

        // A run killed while it holds its realm leaves the realm, its app and its volume behind.
        var doomed = AddRecipe(world, holdSeconds: 300);
        await using (var process = RecipeCiProcess.Start(CiWorld.RunArgs("cold", ("Recipe", doomed), ("Ref", "1.0.0+1.0")), world.Environment(env)))
        {
            await Eventually.UntilAsync(() =>
            {
                if (keycloak.RealmNames.Any(n => n.StartsWith("ci-", StringComparison.Ordinal))) return true;
                Assert.False(process.HasExited, process.Output);
                return false;
            }, TimeSpan.FromMinutes(3), () => $"the held cold run provisioned no ci-* realm:\n{process.Output}");
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
        var orphanRealm = Assert.Single(keycloak.RealmNames, n => n.StartsWith("ci-", StringComparison.Ordinal));
        var orphanApp = $"ci-{doomed}-{orphanRealm["ci-".Length..][..8]}";
        Assert.Contains(orphanApp + "_data", await VolumeNamesAsync());

        // A dry run over everything (nothing removed, no snapshot kept beyond the referenced ones) plans to remove the
        // orphan app and nothing warm or canonical, and keeps the canonicals' snapshots as referenced.
        var canonicals = new[] { await world.CanonicalAsync(first), await world.CanonicalAsync(second) };
        Assert.All(canonicals, Assert.NotNull);
        var (dryCode, _, dryRaw) = await world.RunAsync("housekeeping", env, ("ThresholdPercent", "0"), ("DryRun", "true"), ("KeepSnapshotsPerApp", "0"));
        output.WriteLine(dryRaw);
        Assert.Equal(0, dryCode);
        var plan = Variable(dryRaw, "Report");
        Assert.Contains(orphanApp, Names(plan["orphanStacks"]!["removed"]));
        var prune = plan["disk"]!["prune"]!;
        Assert.DoesNotContain(Names(prune["volumes"]), v => v.StartsWith("warm-", StringComparison.Ordinal));
        foreach (var canonical in canonicals)
        {
            Assert.DoesNotContain(Names(prune["snapshots"]), s => s.EndsWith(canonical!.SnapshotId, StringComparison.Ordinal));
            Assert.Contains(prune["kept"]!.AsArray(), k => k!["name"]!.ToString().EndsWith(canonical!.SnapshotId, StringComparison.Ordinal) && k["reason"]!.ToString() == "referenced");
        }
        Assert.Contains(orphanRealm, keycloak.RealmNames);

        // Housekeeping at a forced 0% threshold, scoped to the killed run's app: realm reaped, app and volume gone.
        var (code2, _, raw2) = await world.RunAsync("housekeeping", env, ("ThresholdPercent", "0"), ("Scope", orphanApp));
        output.WriteLine(raw2);
        Assert.Equal(0, code2);
        Assert.DoesNotContain(orphanRealm, keycloak.RealmNames);
        var volumes = await VolumeNamesAsync();
        Assert.DoesNotContain(orphanApp + "_data", volumes);
        Assert.Empty(await docker.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [orphanApp + "_"] = true } },
        }));
        // The canonicals (warm-<recipe>) kept their volumes and their snapshots.
        foreach (var recipe in new[] { first, second })
            Assert.Contains($"warm-{recipe}_data", volumes);
        foreach (var canonical in canonicals)
            Assert.True(Directory.Exists(Path.Combine(world.SnapshotsRoot, canonical!.SnapshotApp, canonical.SnapshotId)));
    }

    private static string AddRecipe(CiWorld world, int holdSeconds)
    {
        var recipe = world.AddRecipe("warm-sso-app");
        File.AppendAllText(Path.Combine(world.TestsRoot, recipe, ".env"), $"HOLD_SECONDS={holdSeconds}\n");
        return recipe;
    }

    private static Dictionary<string, string> Settings(KeycloakFake keycloak) => new()
    {
        ["RECIPECI_Warm__Dependencies__0__Name"] = "keycloak",
        ["RECIPECI_Warm__Dependencies__0__Recipe"] = "keycloak",
        ["RECIPECI_Warm__Dependencies__0__Tenants__Provider"] = "Keycloak",
        ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__Url"] = keycloak.BaseUrl.AbsoluteUri,
        ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminUser"] = keycloak.AdminUser,
        ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = keycloak.AdminPassword,
        ["RECIPECI_Tenants__GracePeriodMinutes"] = "0",
    };

    private async Task<IReadOnlyList<string>> VolumeNamesAsync() =>
        ((await docker.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Select(v => v.Name).ToList();

    // A workflow variable from the JSON printed by recipeci run --json (after the logs).
    private static JsonNode Variable(string raw, string name) =>
        JsonNode.Parse(raw[raw.LastIndexOf("{\"instanceId\"", StringComparison.Ordinal)..])!["variables"]![name]
        ?? throw new InvalidOperationException($"variable {name} not set");

    private static IReadOnlyList<string> Names(JsonNode? array) => array!.AsArray().Select(n => n!.ToString()).ToList();
}
