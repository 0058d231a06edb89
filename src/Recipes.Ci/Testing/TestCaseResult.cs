namespace Recipes.Ci.Testing;

/// <summary>The result of one test command.</summary>
/// <param name="ExitCode">Null when the command was killed.</param>
/// <param name="Output">Standard output and error interleaved, possibly truncated at the front.</param>
public sealed record TestCaseResult(string Name, TestOutcome Outcome, TimeSpan Duration, int? ExitCode, string Output)
{
    public bool Passed => Outcome is TestOutcome.Passed or TestOutcome.Warning;

    /// <summary>A warning case: counted as passed, marked in the report.</summary>
    public static TestCaseResult ForWarning(string name, string warning) => new(name, TestOutcome.Warning, TimeSpan.Zero, null, warning);

    /// <summary>One line for the JUnit failure message and logs.</summary>
    public string Message => Outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Warning => "warning: " + Output.Split('\n', 2)[0],
        TestOutcome.TimedOut => $"timed out after {Duration.TotalSeconds:0.#} s; process tree killed",
        _ => ExitCode is { } code ? $"exited with code {code}" : "failed: " + Output.Split('\n', 2)[0],
    };
}
