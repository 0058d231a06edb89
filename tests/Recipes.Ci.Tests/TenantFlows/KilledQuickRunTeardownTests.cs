using Docker.DotNet.Models;
using Recipes.Ci.Runs;
using Recipes.Ci.Tests.EndToEnd;
using TestKit;
using TestKit.Keycloak;
using Xunit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.TenantFlows;

/// <summary>
/// A quick run stopped mid-way (here <c>kill -9</c> of its <c>recipeci run</c> process, the hardest case: no code of it
/// runs again; a cancel through the run API leaves the same state behind, its instance Cancelled) leaves the reattached
/// canonical deployed and its realm alive. One housekeeping pass removes both and keeps the canonical's data.
/// </summary>
[Trait("Category", "Services")]
public sealed class KilledQuickRunTeardownTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_quick_run_killed_mid_way_leaves_no_deployed_canonical_and_no_realm_after_one_housekeeping_pass()
    {
        await using var keycloak = await KeycloakFake.StartAsync();
        await using var world = new CiWorld(docker);
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_Warm__Dependencies__0__Name"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Recipe"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Provider"] = "Keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__Url"] = keycloak.BaseUrl.AbsoluteUri,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminUser"] = keycloak.AdminUser,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = keycloak.AdminPassword,
            ["RECIPECI_Tenants__GracePeriodMinutes"] = "0",
        };
        var recipe = world.AddRecipe("warm-sso-app");
        var dotEnv = Path.Combine(world.TestsRoot, recipe, ".env");
        var (seedCode, seeded, seedRaw) = await world.RunAsync("cold", env, ("Recipe", recipe), ("Ref", "1.0.0+1.0"));
        Assert.True(seedCode == 0, seedRaw);
        Assert.Equal("pass", seeded["Result"]?.ToString());

        // The quick run holds in its test (realm provisioned, canonical reattached and deployed) until it is killed.
        File.AppendAllText(dotEnv, "HOLD_SECONDS=300\n");
        var canonicalApp = RunApps.Canonical(recipe).Value;
        string realm;
        await using (var process = RecipeCiProcess.Start(CiWorld.RunArgs("quick", ("Recipe", recipe), ("Ref", "1.0.0+1.0")), world.Environment(env)))
        {
            await Eventually.UntilAsync(async () =>
            {
                if (keycloak.RealmNames.Any(n => n.StartsWith("ci-", StringComparison.Ordinal)) && (await ServicesOfAsync(canonicalApp)).Count > 0)
                    return true;
                Assert.False(process.HasExited, process.Output);
                return false;
            }, TimeSpan.FromMinutes(3), () => $"no ci-* realm with {canonicalApp} deployed:\n{process.Output}");
            // Past the realm and the reattach: wait until the run is in its held test, then kill it.
            await Eventually.UntilAsync(() =>
            {
                if (process.Output.Contains("test realm of", StringComparison.Ordinal)) return true;
                Assert.False(process.HasExited, process.Output);
                return false;
            }, TimeSpan.FromMinutes(3), () => $"the quick run never reached its held test:\n{process.Output}");
            realm = keycloak.RealmNames.Single(n => n.StartsWith("ci-", StringComparison.Ordinal));
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
            output.WriteLine(process.Output);
        }
        Assert.NotEmpty(await ServicesOfAsync(canonicalApp));
        Assert.Contains(realm, keycloak.RealmNames);
        var runId = realm["ci-".Length..];
        Assert.Null((await world.RunRecordAsync(runId))!.FinishedAt);

        var (code, _, raw) = await world.RunAsync("housekeeping", env, ("ThresholdPercent", "100"), ("Scope", canonicalApp));
        output.WriteLine(raw);
        Assert.Equal(0, code);

        Assert.Empty(await ServicesOfAsync(canonicalApp));
        Assert.DoesNotContain(realm, keycloak.RealmNames);
        // The canonical's data stays for the next quick run; the dead run is labelled as ended in error.
        var volumes = ((await docker.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Select(v => v.Name);
        Assert.Contains($"{canonicalApp}_data", volumes);
        var record = await world.RunRecordAsync(runId);
        Assert.NotNull(record!.FinishedAt);
        Assert.Equal(RunResults.Error, record.Result);
        Assert.NotNull(await world.CanonicalAsync(recipe));
    }

    private async Task<IList<SwarmService>> ServicesOfAsync(string app) =>
        await docker.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.stack.namespace={app}"] = true } },
        });
}
