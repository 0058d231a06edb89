using System.Globalization;
using Docker.DotNet.Models;
using TestKit;
using TestKit.Keycloak;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// <c>GET /metrics</c> of a real <c>recipeci serve</c> through one end-to-end cold run on the real Swarm: a recipe that
/// needs a Keycloak realm (the Keycloak fake as the warm dependency's admin endpoint), triggered by the signed
/// webhook, whose server is killed while the run holds its realm and started again on the same data, so the
/// recovery sweep resumes the run to a green end. Every series the operator docs list is asserted with its value:
/// on the first process deploys, live tenants and activity durations; on the second the recovery, the run by mode
/// and result, run durations, the tenant released, queue depth and disk use (snapshots included, from promote).
/// </summary>
[Trait("Category", "Services")]
public sealed class MetricsEndpointTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Metrics_expose_runs_durations_deploys_queue_recoveries_tenants_and_disk_after_a_real_run()
    {
        await using var keycloak = await KeycloakFake.StartAsync();
        using var folder = new TempFolder("metrics");
        await using var resources = docker.Track();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        var testsRoot = Path.Combine(folder.Path, "recipe-tests");
        var recipe = UniqueName.For("ci");
        new FixtureRecipes().CreateRepository("warm-sso-app", recipes, recipe);
        Directory.CreateDirectory(Path.Combine(testsRoot, recipe));
        // HOLD_SECONDS keeps the run in its test step, holding its realm, long enough to scrape and to crash it.
        await File.WriteAllTextAsync(Path.Combine(testsRoot, recipe, ".env"), $"PORT={FreePort.Next()}\nINIT_SECONDS=0\nHOLD_SECONDS=15\n");
        var environment = new Dictionary<string, string>
        {
            ["RECIPECI_Recipes__TestsRoot"] = testsRoot,
            ["RECIPECI_Snapshots__Root"] = Path.Combine(folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(folder.Path, "alerts"),
            ["RECIPECI_Docker__Endpoint"] = TestEnvironment.DockerEndpoint.ToString(),
            ["RECIPECI_Ci__AppLockPoll"] = "1",
            ["RECIPECI_Ci__AppLockLease"] = "20",
            ["RECIPECI_Ci__UndeployTimeout"] = "60",
            // Short, so the second process recovers the run soon, but not so short that a heartbeat (every third of
            // it) delayed by a loaded CI machine lets the lease of the live first process expire.
            ["RECIPECI_Runtime__LeaseSeconds"] = "15",
            ["RECIPECI_Telemetry__GaugeSeconds"] = "1",
            ["RECIPECI_Warm__Dependencies__0__Name"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Recipe"] = "keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Provider"] = "Keycloak",
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__Url"] = keycloak.BaseUrl.AbsoluteUri,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminUser"] = keycloak.AdminUser,
            ["RECIPECI_Warm__Dependencies__0__Tenants__Keycloak__AdminPassword"] = keycloak.AdminPassword,
        };
        try
        {
            await using var server = await CiServer.StartAsync(Path.Combine(folder.Path, "data"), recipes, environment, "--Runtime:NodeId", "metrics-a");
            var accepted = await server.TriggerAsync(recipe, "1.0.0+1.0", "cold");
            var runId = accepted["runId"]!.ToString();
            var instanceId = accepted["instanceId"]!.ToString();

            // First process, while the run holds its realm: one live tenant, the fresh deploy counted and timed.
            await Eventually.UntilAsync(() => keycloak.RealmNames.Contains("ci-" + runId), Patience,
                () => "realm ci-" + runId + " never appeared:\n" + server.Process.Output, TimeSpan.FromMilliseconds(250));
            // The realm exists once ProvisionTenant's call returned; its step is journalled and timed right after.
            var live = await server.ScrapeUntilAsync(s => s.Any(l => Live(l, 1)) && s.Any(l => Name(l) == "workflows_activity_duration_seconds_count"
                    && Label(l, "activity_type") == "Recipes.ProvisionTenant" && Label(l, "status") == "Completed"),
                Patience, "one live keycloak tenant and ProvisionTenant completed");
            Assert.True(Sum(live, "recipes_deploys_total") >= 1, string.Join('\n', live));
            Assert.Equal(1, Single(live, "workflows_activity_duration_seconds_count", ("activity_type", "Recipes.Deploy"), ("status", "Completed")));
            Assert.Equal(1, Single(live, "workflows_activity_duration_seconds_count", ("activity_type", "Recipes.ProvisionTenant"), ("status", "Completed")));
            Assert.Equal(0, Single(live, "recipeci_queue_pending"));
            Assert.True(Single(live, "recipeci_workflows_recovered_total") == 0, "a recovery before the crash:\n" + server.Process.Output);
            Assert.DoesNotContain(live, l => Name(l) == "recipes_runs_completed_total");

            // Crash: the second process finds the run's lease expired, resumes it and finishes it green.
            await server.RestartAfterCrashAsync("--Runtime:NodeId", "metrics-b");
            var finished = await server.WaitFinishedAsync(instanceId, Patience);
            Assert.True(finished == "Finished", $"{finished}: {await server.DescribeAsync(instanceId)}\n{server.Process.Output}");
            var after = await server.ScrapeUntilAsync(s => s.Any(l => Live(l, 0)), Patience, "the tenant released");
            var text = string.Join('\n', after);
            Assert.True(Single(after, "recipeci_workflows_recovered_total") >= 1, text);
            Assert.Equal(1, Single(after, "recipes_runs_completed_total", ("mode", "cold"), ("result", "pass")));
            Assert.Equal(1, Single(after, "recipes_run_duration_seconds_count", ("mode", "cold"), ("result", "pass")));
            Assert.True(Single(after, "recipes_run_duration_seconds_sum", ("mode", "cold"), ("result", "pass")) > 0, text);
            Assert.Equal(1, Single(after, "recipes_run_duration_seconds_bucket", ("mode", "cold"), ("result", "pass"), ("le", "+Inf")));
            Assert.Equal(1, Single(after, "workflows_runs_completed_total", ("workflow", "cold"), ("result", "Finished")));
            Assert.Equal(1, Single(after, "workflows_run_duration_seconds_count", ("workflow", "cold"), ("result", "Finished")));
            Assert.True(Single(after, "workflows_activity_duration_seconds_count", ("activity_type", "Recipes.Assert"), ("status", "Completed")) >= 1, text);
            Assert.Equal(0, Single(after, "recipeci_queue_pending"));
            Assert.True(Single(after, "recipeci_disk_used_bytes", ("folder", "data")) > 0, text);
            Assert.True(Single(after, "recipeci_disk_used_bytes", ("folder", "snapshots")) > 0, text);
            Assert.DoesNotContain("ci-" + runId, keycloak.RealmNames);
        }
        finally
        {
            await TrackAppsAsync(resources, recipe);
        }
    }

    // The run's cold app and the canonical warm-<recipe> that promote seeded, with their volumes.
    private static async Task TrackAppsAsync(DockerResources resources, string recipe)
    {
        resources.Stack("warm-" + recipe);
        foreach (var service in await resources.Client.Swarm.ListServicesAsync(new ServiceListParameters()))
            if (service.Spec?.Name?.StartsWith($"ci-{recipe}-", StringComparison.Ordinal) == true)
                resources.Stack(service.Spec.Labels?.TryGetValue("com.docker.stack.namespace", out var stack) == true ? stack : service.Spec.Name);
        foreach (var volume in (await resources.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? [])
            if (volume.Name.StartsWith($"warm-{recipe}_", StringComparison.Ordinal) || volume.Name.StartsWith($"ci-{recipe}-", StringComparison.Ordinal))
                resources.Volume(volume.Name);
    }

    private static bool Live(string sample, int tenants) =>
        Name(sample) == "recipeci_tenants_live" && Label(sample, "dependency") == "keycloak" && Value(sample) == tenants;

    private static string Name(string sample) => sample[..sample.IndexOfAny(['{', ' '])];

    private static string? Label(string sample, string label)
    {
        var key = label + "=\"";
        var start = sample.IndexOf("," + key, StringComparison.Ordinal) is var i and >= 0 ? i + 1
            : sample.IndexOf("{" + key, StringComparison.Ordinal) is var j and >= 0 ? j + 1 : -1;
        if (start < 0) return null;
        start += key.Length;
        return sample[start..sample.IndexOf('"', start)];
    }

    private static double Value(string sample) => double.Parse(sample[(sample.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);

    private static double Sum(IEnumerable<string> samples, string name) => samples.Where(l => Name(l) == name).Sum(Value);

    /// <summary>The value of the one sample named <paramref name="name"/> with these label values.</summary>
    private static double Single(IReadOnlyList<string> samples, string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(l => Name(l) == name && labels.All(x => Label(l, x.Label) == x.Value)).ToList();
        Assert.True(matching.Count == 1, $"{matching.Count} samples {name}{{{string.Join(',', labels.Select(x => $"{x.Label}=\"{x.Value}\""))}}} in:\n{string.Join('\n', samples)}");
        return Value(matching[0]);
    }
}
