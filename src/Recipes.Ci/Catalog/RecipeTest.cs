namespace Recipes.Ci.Catalog;

/// <summary>One test of a recipe: a shell command run on the CI host against the deployed app.</summary>
/// <param name="Name">Unique within the recipe; the JUnit test case name.</param>
/// <param name="Command">Run as <c>/bin/sh -c &lt;Command&gt;</c>.</param>
/// <param name="Timeout">After this the command's whole process tree is killed and the test fails.</param>
/// <param name="WorkingDirectory">The folder of the <c>recipeci.yml</c> that declared the test (the recipe work tree or its CI-side override folder), so relative script paths work.</param>
public sealed record RecipeTest(string Name, string Command, TimeSpan Timeout, string WorkingDirectory);
