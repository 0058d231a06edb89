namespace Recipes.Ci.Testing;

/// <summary>The results of a recipe's tests and where their JUnit XML report was written.</summary>
/// <param name="Sandbox">Where the tests ran (container, image, network; or the unprivileged user).</param>
public sealed record TestRunReport(IReadOnlyList<TestCaseResult> Results, string ReportPath, string Sandbox = "")
{
    /// <summary>True when every test passed (also when there were none).</summary>
    public bool Passed => Results.All(r => r.Passed);
}
