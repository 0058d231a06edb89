namespace TestKit;

/// <summary>
/// The repository's CI flows as a server under test imports them: ci, quick, cold, promote-on-green and
/// serve-canonical, plus run-tail, the workflow quick and cold use as an activity (without it they do not load).
/// </summary>
public static class RepositoryFlows
{
    public static IReadOnlyList<string> CiFlowNames { get; } =
        ["ci", "quick", "cold", "promote-on-green", "serve-canonical", "run-tail"];

    /// <summary>Copies the CI flows into <paramref name="folder"/> (overwriting) and returns it.</summary>
    public static string CopyCiFlowsTo(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var name in CiFlowNames)
            File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", name + ".json"), Path.Combine(folder, name + ".json"), overwrite: true);
        return folder;
    }
}
