namespace Recipes.Ci.Catalog;

/// <summary>One test of a recipe: a shell command run in the test sandbox against the deployed app.</summary>
/// <param name="Name">Unique within the recipe; the JUnit test case name.</param>
/// <param name="Command">Run as <c>/bin/sh -c &lt;Command&gt;</c>.</param>
/// <param name="Timeout">After this the command is killed and the test fails.</param>
/// <param name="WorkingDirectory">The folder of the <c>recipeci.yml</c> that declared the test (the recipe work tree or its CI-side override folder), so relative script paths work.</param>
/// <param name="Source">Whose file declared it: the recipe's own (pull-request code) or the CI side.</param>
public sealed record RecipeTest(string Name, string Command, TimeSpan Timeout, string WorkingDirectory, TestSource Source = TestSource.Recipe);

/// <summary>Where a test was declared.</summary>
public enum TestSource
{
    /// <summary>The recipe's own <c>recipeci.yml</c>, at the commit under test.</summary>
    Recipe,

    /// <summary>The CI-side override, <c>Recipes:TestsRoot/&lt;recipe&gt;/recipeci.yml</c>.</summary>
    CiSide,
}
