using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Runs;
using Recipes.Swarm.Snapshots;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// Pairs of cold runs of one recipe started together, so they end together: both promote (the later promotion is the
/// canonical) and each dispatches a serve-canonical; the two contend for <c>warm-&lt;recipe&gt;</c>, one waits and
/// resumes. After each pair the current canonical is served on its snapshot and nothing holds or waits for the app;
/// and however many cold runs there were, snapshot retention by recipe (<c>Snapshots:KeepPerRecipe</c>, here 2) leaves
/// at most 2 + 1 snapshots of the recipe, the canonical's among them. The number of pairs is <c>RCT_COLD_PAIRS</c>
/// (default 2, so 5 cold runs with the seed; the issue's ten pairs and 30 cold runs take several minutes). The recipe is
/// the portless fixture: two cold apps of <c>ci-app</c> (and one beside its served canonical) would share its host port.
/// </summary>
[Trait("Category", "Services")]
public sealed class ConcurrentColdRunsTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const int KeepPerRecipe = 2;

    [Fact]
    public async Task Pairs_of_cold_runs_ending_together_leave_the_current_canonical_served_and_snapshots_bounded()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe("ci-portless");
        var env = new Dictionary<string, string> { ["RECIPECI_Snapshots__KeepPerRecipe"] = $"{KeepPerRecipe}" };
        var seed = await world.RunAsync("cold", env, ("Recipe", recipe), ("Ref", "1.0.0+1.0"));
        Assert.True(seed.ExitCode == 0, seed.Raw);
        var pairs = PairCount.From("RCT_COLD_PAIRS", 2);
        var coldRuns = 1;

        for (var pair = 1; pair <= pairs; pair++)
        {
            var runs = await Task.WhenAll(
                world.RunAsync("cold", env, ("Recipe", recipe), ("Ref", "1.0.0+1.0")),
                world.RunAsync("cold", env, ("Recipe", recipe), ("Ref", "1.0.0+1.0")));
            coldRuns += 2;
            foreach (var run in runs)
            {
                Assert.True(run.ExitCode == 0, $"pair {pair}:\n{run.Raw}");
                Assert.Equal(RunResults.Pass, (string?)run.Output["Result"]);
            }
            var logs = string.Join("\n", runs.Select(r => r.Raw));
            var canonical = await world.CanonicalAsync(recipe) ?? throw new InvalidOperationException("no canonical:\n" + logs);
            Assert.Contains(canonical.RunId, runs.Select(r => (string)r.Output["RunId"]!));
            await PairAssertions.ServedAndUnlockedAsync(world, recipe, canonical, $"cold pair {pair}", logs);

            var snapshots = await SnapshotsOfAsync(world, recipe);
            Assert.True(snapshots.Count <= KeepPerRecipe + 1, $"after {coldRuns} cold runs {snapshots.Count} snapshots: {string.Join(", ", snapshots)}");
            Assert.Contains($"{canonical.SnapshotApp}/{canonical.SnapshotId}", snapshots);
        }
        output.WriteLine($"{coldRuns} cold runs ({pairs} pairs): {(await SnapshotsOfAsync(world, recipe)).Count} snapshots of the recipe kept");
    }

    private static async Task<IReadOnlyList<string>> SnapshotsOfAsync(CiWorld world, string recipe)
    {
        var store = new FileSnapshotStore(new SnapshotOptions(world.SnapshotsRoot), NullLogger<FileSnapshotStore>.Instance);
        return (await store.ListAsync(null, CancellationToken.None))
            .Where(s => SnapshotRetention.GroupOf(s.App) == SnapshotRetention.GroupOf(RunApps.Cold(recipe, "00000000").Value))
            .Select(s => $"{s.App}/{s.Id}").ToList();
    }
}
