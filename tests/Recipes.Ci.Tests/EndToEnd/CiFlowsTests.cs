using Recipes.Ci.Canonicals;
using Recipes.Ci.Runs;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// Must-show 1-5 of the recipe-CI issue: the flows in workflows/ run through <c>recipeci run</c> against the real
/// Swarm, with busybox fixture recipes whose versions write and migrate data in a volume.
/// </summary>
[Trait("Category", "Services")]
public sealed class CiFlowsTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string HealthUrl = "http://127.0.0.1:${PORT}/health";

    [Fact]
    public async Task Cold_seeds_the_canonical_quick_passes_without_promoting_and_a_broken_quick_restores_the_data()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();

        // 1. A cold run of v1 passes and seeds the canonical; labelled cold.
        var cold = await world.RunAsync("cold", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        output.WriteLine(cold.Raw);
        Assert.Equal(0, cold.ExitCode);
        Assert.Equal(RunResults.Pass, (string?)cold.Output["Result"]);
        Assert.Equal(RunModes.Cold, (string?)cold.Output["Mode"]);
        Assert.Equal(1, (int?)cold.Output["DeployCount"]);
        var coldRun = await world.RunRecordAsync((string)cold.Output["RunId"]!);
        Assert.Equal(RunModes.Cold, coldRun?.Mode);
        Assert.NotNull(coldRun?.ReportXml);
        var canonical = await world.CanonicalAsync(recipe);
        Assert.NotNull(canonical);
        Assert.Equal(coldRun!.Commit, canonical.Commit);
        Assert.Equal(coldRun.RunId, canonical.RunId);
        Assert.Equal("1.0.0+1.0", canonical.Version);
        // The promotion served the canonical: warm-<recipe> is up from the canonical commit, marked untouched.
        Assert.Equal(canonical.SnapshotId, (await world.ServedAsync(recipe))?.SnapshotId);
        Assert.Equal("1.0.0+1.0", await world.DeployedVersionAsync($"warm-{recipe}"));

        // 2. A quick run to the migrating v1.1 passes and leaves the canonical unchanged.
        var quick = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("Pr", "7"), ("HealthUrl", HealthUrl));
        output.WriteLine(quick.Raw);
        Assert.Equal(0, quick.ExitCode);
        Assert.Equal(RunResults.Pass, (string?)quick.Output["Result"]);
        Assert.Equal(RunModes.Quick, (string?)quick.Output["Mode"]);
        var quickRun = await world.RunRecordAsync((string)quick.Output["RunId"]!);
        Assert.Equal("7", quickRun?.Pr);
        Assert.Equal($"warm-{recipe}", quickRun?.App);
        Assert.Equal(canonical, await world.CanonicalAsync(recipe));
        // It reattached to the served canonical: the upgrade was its only deploy.
        Assert.Equal(1, (int?)quick.Output["DeployCount"]);
        // Then serve-canonical threw the migration away: the canonical runs again on exactly its snapshot's data.
        await AssertServedOnSnapshotAsync(world, recipe, canonical);

        // 3. A quick run to the broken ref fails; the canonical's volume is afterwards exactly its snapshot.
        var broken = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "broken"), ("HealthUrl", HealthUrl));
        output.WriteLine(broken.Raw);
        Assert.Equal(RunResults.Fail, (string?)broken.Output["Result"]);
        Assert.Equal(canonical, await world.CanonicalAsync(recipe));
        var expected = await world.SnapshotFilesAsync(canonical, "data");
        var actual = await world.VolumeFilesAsync($"warm-{recipe}_data", docker.Image);
        Assert.Contains(expected.Keys, k => k.EndsWith("records", StringComparison.Ordinal));
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        await AssertServedOnSnapshotAsync(world, recipe, canonical);
    }

    [Fact]
    public async Task A_quick_run_restores_and_deploys_a_canonical_that_is_not_served_untouched()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();
        var canonical = await SeedCanonicalAsync(world, recipe);
        // As after a run that died holding the app: the mark is gone, whatever the app's data now is.
        await world.Get<CanonicalServing>().ForgetAsync(recipe, CancellationToken.None);

        var quick = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("HealthUrl", HealthUrl));
        output.WriteLine(quick.Raw);
        Assert.Equal(RunResults.Pass, (string?)quick.Output["Result"]);
        Assert.Equal(2, (int?)quick.Output["DeployCount"]);
        await AssertServedOnSnapshotAsync(world, recipe, canonical);
    }

    [Fact]
    public async Task A_quick_run_whose_app_crashes_after_converging_fails_on_the_stability_check_after_its_tests()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();
        var canonical = await SeedCanonicalAsync(world, recipe);

        // late-crash is healthy when the upgrade converges and passes the health gate and its tests, then crashes.
        var quick = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "late-crash"), ("HealthUrl", HealthUrl));
        output.WriteLine(quick.Raw);
        Assert.Equal(RunResults.Fail, (string?)quick.Output["Result"]);
        var record = await world.RunRecordAsync((string)quick.Output["RunId"]!);
        var suite = System.Xml.Linq.XDocument.Parse(record!.ReportXml!).Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToDictionary(t => t.Attribute("name")!.Value);
        Assert.Null(cases["health"].Element("failure"));
        Assert.Null(cases["slow"].Element("failure"));
        var unstable = cases[Activities.AssertActivity.StabilityCase].Element("failure");
        Assert.NotNull(unstable);
        Assert.Contains($"warm-{recipe}_app", unstable.Attribute("message")!.Value + unstable.Value);
        await AssertServedOnSnapshotAsync(world, recipe, canonical);
    }

    [Fact]
    public async Task With_warm_canonicals_off_the_canonical_is_kept_as_restored_volumes_only()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();
        var env = new Dictionary<string, string> { ["RECIPECI_Ci__WarmCanonicals"] = "false" };
        var canonical = await SeedCanonicalAsync(world, recipe, env);
        Assert.Null(await world.DeployedVersionAsync($"warm-{recipe}"));
        Assert.Null(await world.ServedAsync(recipe));

        var broken = await world.RunAsync("quick", env, ("Recipe", recipe), ("Ref", "broken"), ("HealthUrl", HealthUrl));
        output.WriteLine(broken.Raw);
        Assert.Equal(RunResults.Fail, (string?)broken.Output["Result"]);
        Assert.Equal(2, (int?)broken.Output["DeployCount"]);
        // The run's JUnit report says why: the service, its task's exit code and what its container printed before exiting.
        var report = (await world.RunRecordAsync((string)broken.Output["RunId"]!))?.ReportXml;
        Assert.Contains("fatal: schema is garbage, refusing to start", report);
        Assert.Contains("exit code 1", report);
        Assert.Null(await world.DeployedVersionAsync($"warm-{recipe}"));
        Assert.Null(await world.ServedAsync(recipe));
        var expected = await world.SnapshotFilesAsync(canonical, "data");
        var actual = await world.VolumeFilesAsync($"warm-{recipe}_data", docker.Image);
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    /// <summary>A green cold run of 1.0.0 seeds the recipe's canonical.</summary>
    private static async Task<Canonical> SeedCanonicalAsync(CiWorld world, string recipe, IDictionary<string, string>? env = null)
    {
        var cold = await world.RunAsync("cold", env, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        Assert.True(cold.ExitCode == 0, cold.Raw);
        return await world.CanonicalAsync(recipe) ?? throw new InvalidOperationException("the cold run seeded no canonical:\n" + cold.Raw);
    }

    /// <summary>warm-&lt;recipe&gt; runs the canonical version, is marked served, and its volume holds the snapshot's files.</summary>
    private async Task AssertServedOnSnapshotAsync(CiWorld world, string recipe, Canonical canonical)
    {
        Assert.Equal(canonical.SnapshotId, (await world.ServedAsync(recipe))?.SnapshotId);
        Assert.Equal(canonical.Version, await world.DeployedVersionAsync($"warm-{recipe}"));
        var expected = await world.SnapshotFilesAsync(canonical, "data");
        var actual = await world.VolumeFilesAsync($"warm-{recipe}_data", docker.Image);
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_quick_run_without_a_canonical_runs_cold_labelled_fallback()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();

        var run = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("Trigger", "webhook"), ("HealthUrl", HealthUrl));
        output.WriteLine(run.Raw);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(RunModes.ColdFallback, (string?)run.Output["Mode"]);
        Assert.Equal(RunResults.Pass, (string?)run.Output["Result"]);
        var record = await world.RunRecordAsync((string)run.Output["RunId"]!);
        Assert.Equal(RunModes.ColdFallback, record?.Mode);
        Assert.Equal(RunTriggers.Webhook, record?.Trigger);
        Assert.Equal(RunResults.Pass, record?.Result);
    }

    [Fact]
    public async Task The_nightly_sweep_runs_at_most_MaxTests_cold_runs()
    {
        await using var world = new CiWorld(docker);
        var recipes = new[] { world.AddRecipe(), world.AddRecipe(), world.AddRecipe() };

        var sweep = await world.RunAsync("nightly-sweep", new Dictionary<string, string> { ["RECIPECI_Ci__MaxTests"] = "2" });
        output.WriteLine(sweep.Raw);
        Assert.Equal(0, sweep.ExitCode);
        Assert.Equal(2, (int?)sweep.Output["Runs"]);
        var runs = await world.Get<RunRecords>().ListAsync(null, 100, CancellationToken.None);
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(RunModes.Cold, r.Mode));
        Assert.All(runs, r => Assert.Equal(RunTriggers.Nightly, r.Trigger));
        Assert.Equal(recipes.Order(StringComparer.Ordinal).Take(2), runs.Select(r => r.Recipe).Order(StringComparer.Ordinal));
    }
}
