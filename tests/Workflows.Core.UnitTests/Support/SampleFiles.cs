using TestKit;

namespace Workflows.Core.UnitTests.Support;

/// <summary>
/// The Elsa 3 compatibility corpus written for this project: <c>tests/fixtures/elsa-workflows</c>, Elsa-export-format
/// definitions covering what Elsa's own test workflows exercise (see the README there).
/// </summary>
public static class SampleFiles
{
    public static string Directory { get; } = TestEnvironment.FixturePath("elsa-workflows");

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(Path(name));
}
