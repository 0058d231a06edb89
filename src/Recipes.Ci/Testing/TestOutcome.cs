namespace Recipes.Ci.Testing;

public enum TestOutcome
{
    Passed,

    /// <summary>The command exited non-zero.</summary>
    Failed,

    /// <summary>Not a test: something the run noticed that is wrong but must not fail it (a version label not bumped).</summary>
    Warning,

    /// <summary>The command ran past its timeout and its process tree was killed; counts as a failure.</summary>
    TimedOut,
}
