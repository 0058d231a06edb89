using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci run</c> at a terminal (a real pty through script(1)), judged by the screen a person is left with: the
/// live status names the step while it runs; the flow's own lines stay on screen above it (a status
/// that redraws itself must not erase them); when the run ends the status is gone and the summary is the last line.
/// The flow (tests/fixtures/flows/waits-a-moment.json) writes a line, waits 2 s, writes another.
/// </summary>
public sealed class RunOnTerminalTests
{
    private static readonly string Flow = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", "flows", "waits-a-moment.json");

    [Fact]
    public async Task The_live_status_shows_the_step_and_leaves_the_flows_lines_on_screen()
    {
        using var data = new TempFolder("run-tty");
        var run = await TerminalRun.RunAsync(["run", Flow], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { ["RECIPECI_DataDir"] = data.Path });
        var screen = run.Screen.Lines;
        var shown = $"exit {run.ExitCode}; the screen:\n{run.Screen}";
        Assert.True(run.ExitCode == 0, shown);

        // While it waited the 2 s, the status said so (redrawn with a spinner many times; a step that lasts less than a
        // redraw may never be drawn, so no particular step is asserted).
        Assert.Matches(@"Waits a moment [0-9a-f]{8}: Running/Suspended", run.Transcript);
        // What is left: the lines and logs, in order, no status, the summary last.
        var before = IndexOf(screen, l => l == "before", shown);
        var after = IndexOf(screen, l => l == "after", shown);
        Assert.True(before < after, shown);
        Assert.Matches(@"^Waits a moment Finished/Finished in [0-9.]+ s, \d+ steps, 0 incidents, instance [0-9a-f]{32}$", screen[^1]);
        Assert.DoesNotContain(screen, l => l.Contains("step: ", StringComparison.Ordinal));
        // The logs (stderr, the same terminal) in serve's format, whole.
        Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] Recipes\.Ci\.Persistence\.RecipesDatabaseMigrator: Applied \d+ recipe-CI migration", screen[0]);
    }

    private static int IndexOf(IReadOnlyList<string> lines, Func<string, bool> match, string shown)
    {
        for (var i = 0; i < lines.Count; i++)
            if (match(lines[i]))
                return i;
        Assert.Fail($"not on screen; {shown}");
        return -1;
    }
}
