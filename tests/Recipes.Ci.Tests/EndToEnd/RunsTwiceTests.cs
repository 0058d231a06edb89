using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Swarm.Snapshots;
using TestKit;
using TestKit.Keycloak;
using Xunit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// At-least-once: recovery re-runs the step that was in flight, so every side-effecting Recipes.* activity must
/// tolerate running again after it completed. <c>tests/fixtures/flows/runs-twice.json</c> runs each of Deploy,
/// ProvisionTenant, Undeploy, Snapshot, Promote, CommitLastGood, Restore, Upgrade and ReleaseTenant twice in a row
/// with the same inputs, through <c>recipeci run</c> on the real Swarm with the Keycloak fake; every second run takes
/// the same outcome without error and the state is what one run leaves.
/// </summary>
[Trait("Category", "Services")]
public sealed class RunsTwiceTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Every_side_effecting_activity_run_twice_gives_the_same_outcome_and_end_state()
    {
        await using var keycloak = await KeycloakFake.StartAsync();
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe("warm-sso-app");
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_Warm__Dependencies__0__Name"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Recipe"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Provider"] = "Keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__Url"] = keycloak.BaseUrl.AbsoluteUri,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminUser"] = keycloak.AdminUser,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = keycloak.AdminPassword,
        };
        var flow = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", "flows", "runs-twice.json");
        var (code, raw) = await RecipeCiProcess.RunAsync(["run", flow, "--json", "--input", $"Recipe={recipe}", "--input", "Ref=1.0.0+1.0"],
            TimeSpan.FromMinutes(5), world.Environment(env));
        output.WriteLine(raw);
        Assert.True(code == 0, raw);
        var result = JsonNode.Parse(raw[raw.LastIndexOf("{\"instanceId\"", StringComparison.Ordinal)..])!;

        // Both runs of every activity took the same (good) outcome; nothing stopped the chain.
        var outcomes = result["journal"]!.AsArray().ToDictionary(e => e!["activityId"]!.GetValue<string>(), e => e!["outcome"]!.GetValue<string>());
        foreach (var (step, outcome) in new[]
                 {
                     ("deploy", "Done"), ("provision", "Done"), ("undeployKeep", "Done"), ("snapshot", "Done"), ("promote", "Promoted"),
                     ("commitLastGood", "Done"), ("restore", "Done"), ("upgrade", "Done"), ("undeployPurge", "Done"), ("release", "Done"),
                 })
        {
            Assert.Equal(outcome, outcomes.GetValueOrDefault(step + "1"));
            Assert.Equal(outcome, outcomes.GetValueOrDefault(step + "2"));
        }
        Assert.Equal("Pass", outcomes["assertAgain"]);
        Assert.True(outcomes.ContainsKey("complete"));

        var variables = result["variables"]!;
        var runId = variables["RunId"]!.GetValue<string>();
        var snapshot = variables["S1"]!.GetValue<string>();
        var app = RunApps.Cold(recipe, runId);
        // Snapshot twice: one snapshot, reused. Deploy and Upgrade twice: the second of each changed nothing.
        Assert.Equal(snapshot, variables["S2"]!.GetValue<string>());
        Assert.Single(Directory.GetDirectories(Path.Combine(world.SnapshotsRoot, app.Value)));
        var record = await world.RunRecordAsync(runId);
        Assert.Equal(2, record!.DeployCount);
        Assert.Equal(RunResults.Pass, record.Result);
        // Provision twice: the same realm; release twice: gone.
        Assert.Equal($"ci-{runId}", variables["T2"]!["TENANT_REALM"]!.GetValue<string>());
        Assert.Equal(variables["T1"]!["TENANT_REALM"]!.GetValue<string>(), variables["T2"]!["TENANT_REALM"]!.GetValue<string>());
        Assert.DoesNotContain(keycloak.RealmNames, n => n.StartsWith("ci-", StringComparison.Ordinal));
        // Promote and CommitLastGood twice: one canonical and one last_good, both on this run's snapshot.
        var canonical = await world.CanonicalAsync(recipe);
        Assert.Equal((runId, snapshot, app.Value), (canonical!.RunId, canonical.SnapshotId, canonical.SnapshotApp));
        var lastGood = await world.Get<WarmDependencyStateStore>().GetAsync("keycloak", CancellationToken.None);
        Assert.Equal(("1.0.0+1.0", snapshot), (lastGood!.LastGood, lastGood.SnapshotId));
        // Undeploy (purge) twice: no service, no volume of the run's app.
        Assert.Empty(await docker.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.stack.namespace={app}"] = true } },
        }));
        Assert.DoesNotContain(((await docker.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? []).Select(v => v.Name),
            v => v.StartsWith(app.Value + "_", StringComparison.Ordinal));
        Assert.True((await new FileSnapshotStore(new SnapshotOptions(world.SnapshotsRoot), Microsoft.Extensions.Logging.Abstractions.NullLogger<FileSnapshotStore>.Instance)
            .FindAsync(app, SnapshotId.Parse(snapshot), CancellationToken.None)) is not null);
    }
}
