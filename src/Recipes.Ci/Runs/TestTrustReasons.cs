using Recipes.Ci.Configuration;

namespace Recipes.Ci.Runs;

/// <summary>
/// Why a run trusts only the CI side's tests (<see cref="TestTrust.CiOnly"/>): kept on the run record
/// (<see cref="RunRecord.Untrusted"/>) and in its JUnit report, so the run says whose tests ran and why.
/// </summary>
public static class TestTrustReasons
{
    /// <summary>A pull request whose head comes from another repository than the recipe's (or whose head repository is gone).</summary>
    public const string Fork = "fork";

    /// <summary>A <c>!testme</c> comment: its payload does not say where the pull request's head comes from.</summary>
    public const string Comment = "comment";

    /// <summary>The server's <c>Ci:Tests:Trust</c> is <c>CiOnly</c>.</summary>
    public const string Config = "config";

    public static bool IsKnown(string reason) => reason is Fork or Comment;

    /// <summary>
    /// The stricter of the server's setting and the run's: a run with a reason is <see cref="TestTrust.CiOnly"/>
    /// whatever <c>Ci:Tests:Trust</c> says. Returns the trust and why (null when the recipe's own tests are trusted).
    /// </summary>
    public static (TestTrust Trust, string? Reason) Effective(TestTrust configured, string? untrusted) =>
        !string.IsNullOrEmpty(untrusted) ? (TestTrust.CiOnly, untrusted)
        : configured == TestTrust.CiOnly ? (TestTrust.CiOnly, Config)
        : (TestTrust.Recipe, null);

    /// <summary>What the report and the run page show: <c>CiOnly (fork)</c>, <c>CiOnly (config)</c> or <c>Recipe</c>.</summary>
    public static string Describe((TestTrust Trust, string? Reason) effective) =>
        effective.Reason is null ? effective.Trust.ToString() : $"{effective.Trust} ({effective.Reason})";
}
