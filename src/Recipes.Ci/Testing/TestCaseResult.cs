namespace Recipes.Ci.Testing;

/// <summary>The result of one test command.</summary>
/// <param name="ExitCode">Null when the command was killed.</param>
/// <param name="Output">Standard output and error interleaved, possibly truncated at the front.</param>
public sealed record TestCaseResult(string Name, TestOutcome Outcome, TimeSpan Duration, int? ExitCode, string Output)
{
    public bool Passed => Outcome == TestOutcome.Passed;

    /// <summary>One line for the JUnit failure message and logs.</summary>
    public string Message => Outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.TimedOut => $"timed out after {Duration.TotalSeconds:0.#} s; process tree killed",
        _ => ExitCode is { } code ? $"exited with code {code}" : "failed: " + Output.Split('\n', 2)[0],
    };
}
