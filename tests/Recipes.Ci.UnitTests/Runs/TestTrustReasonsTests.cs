using Recipes.Ci.Configuration;
using Recipes.Ci.Runs;

namespace Recipes.Ci.UnitTests.Runs;

/// <summary>A run's trust is the stricter of <c>Ci:Tests:Trust</c> and the run's own reason (a fork's): never looser than either.</summary>
public sealed class TestTrustReasonsTests
{
    [Theory]
    [InlineData(TestTrust.Recipe, null, "Recipe")]
    [InlineData(TestTrust.CiOnly, null, "CiOnly (config)")]
    [InlineData(TestTrust.Recipe, TestTrustReasons.Fork, "CiOnly (fork)")]
    [InlineData(TestTrust.CiOnly, TestTrustReasons.Fork, "CiOnly (fork)")]
    [InlineData(TestTrust.Recipe, TestTrustReasons.Comment, "CiOnly (comment)")]
    [InlineData(TestTrust.Recipe, "", "Recipe")]
    public void The_stricter_of_the_setting_and_the_run_wins(TestTrust configured, string? untrusted, string described) =>
        Assert.Equal(described, TestTrustReasons.Describe(TestTrustReasons.Effective(configured, untrusted)));
}
