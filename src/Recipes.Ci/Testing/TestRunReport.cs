namespace Recipes.Ci.Testing;

/// <summary>The results of a recipe's tests and where their JUnit XML report was written.</summary>
public sealed record TestRunReport(IReadOnlyList<TestCaseResult> Results, string ReportPath)
{
    /// <summary>True when every test passed (also when there were none).</summary>
    public bool Passed => Results.All(r => r.Passed);
}
