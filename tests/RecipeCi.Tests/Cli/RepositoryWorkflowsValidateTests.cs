using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// The flows shipped in <c>workflows/</c> pass <c>recipeci workflows validate</c> (with the Recipes.* activities
/// registered), and the validator is not a rubber stamp: an activity type nobody registered is rejected.
/// </summary>
public sealed class RepositoryWorkflowsValidateTests
{
    private static string WorkflowsDir => Path.Combine(TestEnvironment.RepositoryRoot, "workflows");

    public static TheoryData<string> Flows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(WorkflowsDir, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Every_shipped_flow_validates(string file)
    {
        var (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "validate", Path.Combine(WorkflowsDir, file)], TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_core_flows_are_there()
    {
        var files = Directory.GetFiles(WorkflowsDir, "*.json").Select(Path.GetFileName).ToList();
        foreach (var flow in new[] { "quick.json", "cold.json", "promote-on-green.json", "nightly-sweep.json" })
            Assert.Contains(flow, files);
    }

    [Fact]
    public async Task An_unknown_activity_type_is_rejected()
    {
        using var folder = new TempFolder("validate");
        // quick.json with one of its Recipes.* activities renamed to a type that does not exist.
        var quick = await File.ReadAllTextAsync(Path.Combine(WorkflowsDir, "quick.json"));
        Assert.Contains("\"Recipes.Assert\"", quick);
        var file = Path.Combine(folder.Path, "quick-unknown.json");
        await File.WriteAllTextAsync(file, quick.Replace("\"Recipes.Assert\"", "\"Recipes.NoSuchActivity\"", StringComparison.Ordinal));

        var (exit, output) = await RecipeCiProcess.RunAsync(["workflows", "validate", file], TimeSpan.FromMinutes(1));
        Assert.Equal(1, exit);
        Assert.Contains("quick-unknown.json", output);
        Assert.Contains("Recipes.NoSuchActivity", output);
    }
}
