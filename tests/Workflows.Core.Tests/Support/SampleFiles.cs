namespace Workflows.Core.Tests.Support;

/// <summary>Finds the Elsa compatibility corpus: $RECIPECI_ELSA_SAMPLES, else shared/elsa-samples above the test directory.</summary>
public static class SampleFiles
{
    public static string Directory { get; } = Locate();

    public static string Path(string name) => System.IO.Path.Combine(Directory, name);

    public static string Read(string name) => File.ReadAllText(Path(name));

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("RECIPECI_ELSA_SAMPLES") is { Length: > 0 } configured)
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "elsa-samples");
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("shared/elsa-samples was not found above " + AppContext.BaseDirectory);
    }
}
