namespace Recipes.Ci.Testing;

public enum TestOutcome
{
    Passed,

    /// <summary>The command exited non-zero.</summary>
    Failed,

    /// <summary>The command ran past its timeout and its process tree was killed; counts as a failure.</summary>
    TimedOut,
}
