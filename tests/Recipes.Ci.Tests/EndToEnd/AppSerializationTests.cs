using System.Text.Json.Nodes;
using Recipes.Ci.Runs;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// Per-app serialization through real <c>recipeci run</c> processes: two quick runs of one recipe share the app
/// <c>warm-&lt;recipe&gt;</c>; the later one waits suspended and proceeds when the first releases it, or, when the first
/// is killed, once its lease expires.
/// </summary>
[Trait("Category", "Services")]
public sealed class AppSerializationTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string HealthUrl = "http://127.0.0.1:${PORT}/health";
    private const int LeaseSeconds = 8;

    [Fact]
    public async Task Two_concurrent_quick_runs_of_one_recipe_never_overlap_on_the_app()
    {
        await using var world = new CiWorld(docker);
        var recipe = await SeededRecipeAsync(world, holdSeconds: 4);
        var env = world.Environment(new Dictionary<string, string> { ["RECIPECI_Ci__AppLockLease"] = $"{LeaseSeconds}" });
        var args = CiWorld.RunArgs("quick", ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("HealthUrl", HealthUrl));

        var runs = await Task.WhenAll(
            RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(5), env),
            Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(5), env)).Unwrap());
        foreach (var run in runs)
            output.WriteLine(run.Output);
        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        var journals = runs.Select(r => Result(r.Output)).ToList();
        Assert.All(journals, j => Assert.Equal(RunResults.Pass, (string?)j["output"]!["Result"]));

        // Whichever got the lock first, the other's hold starts only after the first's release began.
        var windows = journals.Select(Window).OrderBy(w => w.Acquired).ToList();
        Assert.True(windows[1].Acquired >= windows[0].ReleaseStarted,
            $"hold windows overlap: {windows[0]} and {windows[1]}");
        // It asked while the first held the app (each holds it for its 4 s test at least), so it had to wait.
        Assert.True(windows[1].AcquireStarted < windows[0].ReleaseStarted, $"the second run did not ask while the first held the app: {windows[0]} and {windows[1]}");
        Assert.Contains(runs, r => r.Output.Contains("waits for app", StringComparison.Ordinal));
        // Each run's record exists and is a finished quick run.
        foreach (var j in journals)
        {
            var record = await world.RunRecordAsync((string)j["output"]!["RunId"]!);
            Assert.Equal(RunModes.Quick, record?.Mode);
            Assert.NotNull(record?.FinishedAt);
        }
    }

    [Fact]
    public async Task The_waiting_run_proceeds_after_the_lease_of_a_killed_holder_expires()
    {
        await using var world = new CiWorld(docker);
        var recipe = await SeededRecipeAsync(world, holdSeconds: 120);
        var env = world.Environment(new Dictionary<string, string> { ["RECIPECI_Ci__AppLockLease"] = $"{LeaseSeconds}" });
        var args = CiWorld.RunArgs("quick", ("Recipe", recipe), ("Ref", "1.1.0+1.0"), ("HealthUrl", HealthUrl));

        await using var first = RecipeCiProcess.Start(args, env);
        // The first holds the app while its hold test runs.
        await Eventually.UntilAsync(() => first.Output.Contains("test hold of", StringComparison.Ordinal) || first.HasExited, TimeSpan.FromMinutes(2),
            () => $"the first run holding the app did not happen:\n{first.Output}");
        await using var second = RecipeCiProcess.Start(args, env);
        await Eventually.UntilAsync(() => second.Output.Contains("waits for app", StringComparison.Ordinal) || second.HasExited, TimeSpan.FromMinutes(2),
            () => $"the second run waiting for the app did not happen:\n{second.Output}");
        Assert.False(first.HasExited, first.Output);
        Assert.Contains("waits for app", second.Output);

        // The second run reads the tests when it reaches them: a short hold for it keeps this test minutes shorter on
        // a loaded machine (its 120 s hold plus a deploy used to run past the wait below), and changes nothing it checks.
        await WriteHoldTestAsync(world, recipe, holdSeconds: 1);
        first.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await second.WaitForExitAsync(timeout.Token);
        output.WriteLine(first.Output);
        output.WriteLine(second.Output);

        var window = Window(Result(second.Output));
        Assert.True(window.Acquired > killedAt, $"acquired {window.Acquired:O} before the holder was killed at {killedAt:O}");
        Assert.Equal("Finished", (string?)Result(second.Output)["status"]);
    }

    /// <summary>
    /// A recipe with a canonical, whose later runs hold the app for <paramref name="holdSeconds"/> in a test (a CI-side
    /// recipeci.yml override): a quick run to a served canonical is over in a few seconds, too soon to overlap another.
    /// </summary>
    private static async Task<string> SeededRecipeAsync(CiWorld world, int holdSeconds)
    {
        var recipe = world.AddRecipe();
        var cold = await world.RunAsync("cold", null, ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        Assert.True(cold.ExitCode == 0, cold.Raw);
        Assert.NotNull(await world.CanonicalAsync(recipe));
        await WriteHoldTestAsync(world, recipe, holdSeconds);
        return recipe;
    }

    private static Task WriteHoldTestAsync(CiWorld world, string recipe, int holdSeconds) =>
        File.WriteAllTextAsync(Path.Combine(world.TestsRoot, recipe, "recipeci.yml"),
            $"tests:\n  - name: hold\n    command: sleep {holdSeconds}\n    timeout: {holdSeconds + 60}s\n");

    /// <summary>When the run acquired and released the app, from the journal of <c>recipeci run --json</c>.</summary>
    private sealed record HoldWindow(DateTimeOffset AcquireStarted, DateTimeOffset Acquired, DateTimeOffset ReleaseStarted);

    private static HoldWindow Window(JsonObject result)
    {
        var journal = result["journal"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var acquire = journal.First(e => (string?)e["type"] == "Recipes.AcquireAppLock" && e["completedAt"] is not null);
        var release = journal.Last(e => (string?)e["type"] == "Recipes.ReleaseAppLock");
        return new HoldWindow(acquire["startedAt"]!.GetValue<DateTimeOffset>(), acquire["completedAt"]!.GetValue<DateTimeOffset>(),
            release["startedAt"]!.GetValue<DateTimeOffset>());
    }

    /// <summary>The one-line result object of <c>run --json</c>; the log lines around it are interleaved stderr.</summary>
    private static JsonObject Result(string raw)
    {
        var line = raw.Split('\n').FirstOrDefault(l => l.StartsWith("{\"instanceId\"", StringComparison.Ordinal));
        Assert.True(line is not null, raw);
        return JsonNode.Parse(line)!.AsObject();
    }
}
