namespace Workflows.Core.UnitTests.Support;

/// <summary>
/// The Elsa 3 compatibility corpus written for this project: <c>tests/fixtures/elsa-workflows</c>, Elsa-export-format
/// definitions covering what Elsa's own test workflows exercise (see the README there).
/// </summary>
public static class SampleFiles
{
    public static string Directory { get; } = Locate();

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Workflows.sln")))
                return System.IO.Path.Combine(dir.FullName, "tests", "fixtures", "elsa-workflows");
        }
        throw new DirectoryNotFoundException("Workflows.sln was not found above " + AppContext.BaseDirectory);
    }
}
