using System.Text.Json.Nodes;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// Issue #15's security item through the real webhook of a real <c>recipeci serve</c> on the real Swarm, with
/// <c>Ci:Tests:Trust</c> left at its default (<c>Recipe</c>): a pull request whose head comes from a fork brings a
/// test of its own in <c>recipeci.yml</c> that prints a marker; the fork's run never runs it, runs the CI-side test
/// under <c>Recipes:TestsRoot</c> instead, and its record, JUnit report and page say <c>CiOnly (fork)</c>. The same
/// commit from the recipe's own repository (once the CI side declares no tests) runs the recipe's tests, its own
/// included.
/// </summary>
[Trait("Category", "Services")]
public sealed class ForkTrustTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_fork_pull_request_runs_only_the_CI_side_test_and_the_same_commit_from_the_recipe_repository_runs_its_own()
    {
        await using var world = await ForgeStatusWorld.StartAsync(docker, name => new FakeGitea(name), "Gitea", comment: false);
        await world.Fake.StartAsync();
        var marker = "rct-pr-marker-" + Guid.NewGuid().ToString("N");
        var sha = world.Repository.CommitAndPush("1.1.0+1.0", "refs/pull/7/head", "A change that brings its own test", work =>
            File.AppendAllText(Path.Combine(work, "recipeci.yml"), $"  - name: pr-own\n    command: echo {marker}\n    timeout: 20s\n"));
        var ciSide = Path.Combine(world.TestsRoot, world.Repository.Recipe, "recipeci.yml");
        await File.WriteAllTextAsync(ciSide, "tests:\n  - name: ci-side\n    command: echo ci-side-ran\n    timeout: 20s\n");

        var forkRun = await world.RunPullRequestAsync(7, sha, github: false, fork: true);

        var fork = await RunJsonAsync(world, forkRun);
        Assert.Equal("pass", fork["result"]!.ToString());
        Assert.Equal("CiOnly (fork)", fork["testsTrust"]!.ToString());
        Assert.Equal("ci-side=ci-side", fork["testsSource"]!.ToString());
        var forkTests = TestNames(fork);
        Assert.Contains("ci-side", forkTests);
        Assert.DoesNotContain("pr-own", forkTests);
        Assert.DoesNotContain("schema", forkTests);
        var forkReport = await TextAsync(world, $"runs/{forkRun}.xml");
        Assert.DoesNotContain(marker, forkReport, StringComparison.Ordinal);
        Assert.Contains("ci-side-ran", forkReport, StringComparison.Ordinal);
        Assert.Contains("name=\"recipeci.tests.trust\" value=\"CiOnly (fork)\"", forkReport, StringComparison.Ordinal);
        Assert.Contains("CiOnly (fork)", await TextAsync(world, $"runs/{forkRun}"), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, world.Server.Process.Output, StringComparison.Ordinal);

        // The CI side no longer replaces the recipe's tests: the same commit from the recipe's own repository runs them.
        File.Delete(ciSide);
        var ownRun = await world.RunPullRequestAsync(8, sha, github: false, fork: false);

        var own = await RunJsonAsync(world, ownRun);
        Assert.Equal("pass", own["result"]!.ToString());
        Assert.Equal("Recipe", own["testsTrust"]!.ToString());
        Assert.Contains("pr-own=recipe", own["testsSource"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("pr-own", TestNames(own));
        Assert.Contains(marker, await TextAsync(world, $"runs/{ownRun}.xml"), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> RunJsonAsync(ForgeStatusWorld world, string runId) =>
        JsonNode.Parse(await TextAsync(world, $"runs/{runId}.json"))!.AsObject();

    private static List<string> TestNames(JsonObject run) =>
        run["tests"]!.AsArray().Select(t => t!["name"]!.ToString()).ToList();

    private static async Task<string> TextAsync(ForgeStatusWorld world, string path)
    {
        using var response = await world.Server.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
