using System.Text.RegularExpressions;
using Recipes.Ci.Runs;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// The run workspace: a quick run checks out and parses each commit it needs once (the canonical's commit for
/// Reattach, its own for ProvisionTenant, Upgrade, HealthGate and Assert), read from the run's log.
/// </summary>
[Trait("Category", "Services")]
public sealed partial class RunWorkspaceTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string HealthUrl = "http://127.0.0.1:${PORT}/health";

    [Fact]
    public async Task A_quick_run_checks_out_and_parses_each_commit_once()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();
        var cold = await world.RunAsync("cold", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        Assert.Equal(0, cold.ExitCode);

        var quick = await world.RunAsync("quick", null, ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("Pr", "7"), ("HealthUrl", HealthUrl));
        output.WriteLine(quick.Raw);
        Assert.Equal(RunResults.Pass, (string?)quick.Output["Result"]);
        var runId = (string)quick.Output["RunId"]!;
        var run = await world.RunRecordAsync(runId);
        var canonical = await world.CanonicalAsync(recipe);

        // One load (checkout + compose parse) per commit: the canonical's and the PR head's, nothing more.
        var loads = Loaded().Matches(quick.Raw).Where(m => m.Groups["run"].Value == runId).Select(m => m.Groups["ref"].Value).ToList();
        Assert.Equal(new[] { canonical!.Commit, run!.Commit! }.Order(), loads.Order());
        // And the catalog cloned each once for this run, with no second look at a work tree.
        Assert.Equal(2, Regex.Matches(quick.Raw, $@"Checked out {recipe} \S+ \(\w+\) for run {runId}").Count);
        Assert.DoesNotMatch($@"Reusing work tree \S+ of run {runId}(-\w+)? at", quick.Raw);
    }

    [GeneratedRegex(@"Run (?<run>\S+): loaded \S+ at (?<ref>\S+) \(one checkout")]
    private static partial Regex Loaded();
}
