using Recipes.Ci.Configuration;

namespace Recipes.Ci.Catalog;

/// <summary>
/// The effective <c>recipeci.yml</c> of a recipe at one commit, with the CI-side override applied.
/// </summary>
/// <param name="Sources">The files it was read from, recipe file first; empty when neither exists.</param>
public sealed record RecipeCiConfig(
    IReadOnlyList<RecipeTest> Tests,
    IReadOnlyList<WarmNeed> Needs,
    RecipeTimeouts Timeouts,
    IReadOnlyList<string> Sources)
{
    public static RecipeCiConfig Empty { get; } = new([], [], RecipeTimeouts.Default, []);

    /// <summary>The tests of the CI-side override alone; null when it declares none.</summary>
    public IReadOnlyList<RecipeTest>? CiSideTests { get; init; }

    /// <summary>
    /// The tests a run honours: under <see cref="TestTrust.CiOnly"/> only the CI side's (the recipe's own
    /// <c>recipeci.yml</c> tests never run, so a pull request cannot choose what runs), else the merged list.
    /// </summary>
    public IReadOnlyList<RecipeTest> TestsUnder(TestTrust trust) => trust == TestTrust.CiOnly ? CiSideTests ?? [] : Tests;

    /// <summary>
    /// True when the recipe declares no tests: the run still deploys the recipe and checks that it converges and
    /// is healthy, and that check is its only result.
    /// </summary>
    public bool DeployAndConvergeOnly => Tests.Count == 0;
}
