using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// Pairs of concurrent quick runs of one recipe, each a real <c>recipeci run</c> process: every run waits for the app
/// lock of the other or of a serve-canonical the other dispatched, and every serve-canonical waits for a run or for the
/// other serve-canonical, so resumed lock waits happen on every pair. After each pair the canonical is served on its
/// snapshot, nothing holds or waits for the app, and no alert says the canonical could not be served. The number of
/// pairs is <c>RCT_QUICK_PAIRS</c> (default 2; the issue's ten take about five times as long).
/// </summary>
[Trait("Category", "Services")]
public sealed class ConcurrentQuickRunsTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string HealthUrl = "http://127.0.0.1:${PORT}/health";

    [Fact]
    public async Task Pairs_of_concurrent_quick_runs_leave_the_canonical_served_and_no_waiter()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();
        var cold = await world.RunAsync("cold", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        Assert.True(cold.ExitCode == 0, cold.Raw);
        var canonical = await world.CanonicalAsync(recipe) ?? throw new InvalidOperationException("no canonical:\n" + cold.Raw);
        // A short hold in a CI-side test, so the two runs of a pair overlap on the app whatever the start order.
        await File.WriteAllTextAsync(Path.Combine(world.TestsRoot, recipe, "recipeci.yml"), "tests:\n  - name: hold\n    command: sleep 1\n    timeout: 60s\n");
        var pairs = PairCount.From("RCT_QUICK_PAIRS", 2);

        for (var pair = 1; pair <= pairs; pair++)
        {
            var runs = await Task.WhenAll(
                world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("HealthUrl", HealthUrl)),
                world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("HealthUrl", HealthUrl)));
            foreach (var run in runs)
            {
                Assert.True(run.ExitCode == 0, $"pair {pair}:\n{run.Raw}");
                Assert.Equal(RunResults.Pass, (string?)run.Output["Result"]);
            }
            Assert.Equal(canonical, await world.CanonicalAsync(recipe));
            await PairAssertions.ServedAndUnlockedAsync(world, recipe, canonical, $"quick pair {pair}", string.Join("\n", runs.Select(r => r.Raw)));
        }
        output.WriteLine($"{pairs} pairs of quick runs: canonical served on {canonical.SnapshotId} after each, no waiter left");
    }
}

/// <summary>The number of pairs a test runs: the environment variable, else the default.</summary>
internal static class PairCount
{
    public static int From(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var count) && count > 0 ? count : fallback;
}

/// <summary>What must hold after every pair of runs has ended (serve-canonicals included).</summary>
internal static class PairAssertions
{
    public static async Task ServedAndUnlockedAsync(CiWorld world, string recipe, Canonicals.Canonical canonical, string what, string logs)
    {
        var app = RunApps.Canonical(recipe).Value;
        Assert.True(canonical.SnapshotId == (await world.ServedAsync(recipe))?.SnapshotId, $"{what}: the canonical is not served on its snapshot\n{logs}");
        Assert.Equal(canonical.Version, await world.DeployedVersionAsync(app));
        var locks = world.Get<AppLocks>();
        Assert.True((await locks.ListWaitersAsync(app, CancellationToken.None)).Count == 0, $"{what}: waiter rows left\n{logs}");
        Assert.True(await locks.GetHolderAsync(app, CancellationToken.None) is null, $"{what}: the app is still held\n{logs}");
        // A serve-canonical that failed or broke alerts; one that faulted leaves the lock, a waiter or a stale mark (above).
        var alerts = Path.Combine(world.DataDir, "..", "alerts");
        var unserved = Directory.Exists(alerts) ? Directory.GetFiles(alerts, "*.json", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("could not be served", StringComparison.Ordinal)).ToList() : [];
        Assert.True(unserved.Count == 0, $"{what}: {string.Join("\n", unserved.Select(File.ReadAllText))}\n{logs}");
    }
}
