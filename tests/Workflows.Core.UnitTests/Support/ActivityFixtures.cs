namespace Workflows.Core.UnitTests.Support;

/// <summary>
/// <c>tests/fixtures/elsa-activities</c>: Elsa-3-export-format definitions of this project's own exercising Elsa's
/// built-in activities and flowchart merge modes (see the README there).
/// </summary>
public static class ActivityFixtures
{
    public static string Read(string name) =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(SampleFiles.Directory)!, "elsa-activities", name));
}
