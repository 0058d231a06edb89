using Workflows.Core.Activities;

namespace Architecture.Tests;

/// <summary>
/// Test code stays in tests/: no production assembly references a test framework or test project, no production
/// activity is a test activity (type names Testing.*), and no test project compiles against the recipeci executable
/// except the executable's own tests (RecipeCi.Tests, RecipeCi.UnitTests). Tests that need the executable run it as a
/// process: their reference is build-order only (ReferenceOutputAssembly="false", see tests/Directory.Build.targets).
/// </summary>
public sealed class TestCodeBoundaryTests
{
    private static readonly string[] TestAssemblies = ["xunit", "xunit.core", "xunit.assert", "Microsoft.Playwright", "TestKit", "Workflows.TestActivities", "Snapshooter"];

    public static TheoryData<string, string> ProductionAssemblies => new()
    {
        { "Workflows.Core", "Workflows.Core" },
        { "Workflows.Persistence.Abstractions", "Workflows.Persistence.Abstractions" },
        { "Workflows.Persistence", "Workflows.Persistence" },
        { "Workflows.Hosting", "Workflows.Hosting" },
        { "Recipes.Swarm", "Recipes.Swarm" },
        { "Recipes.Ci", "Recipes.Ci" },
        { "RecipeCi", "recipeci" },
    };

    [Theory]
    [MemberData(nameof(ProductionAssemblies))]
    public void Production_assembly_references_no_test_code(string project, string assemblyName)
    {
        var references = PersistenceBoundaryTests.ReferencedAssemblies(project, assemblyName);
        Assert.DoesNotContain(references, r => TestAssemblies.Any(t => r.StartsWith(t, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void Production_project_references_no_test_project()
    {
        var breaches = Repository.SourceProjects.SelectMany(p => p.References
            .Where(r => Repository.TestProjects.Any(t => t.Name == r.Project))
            .Select(r => $"{p.Name} -> {r.Project}"));
        Assert.Empty(breaches);
    }

    [Fact]
    public void No_production_activity_is_a_test_activity()
    {
        Assert.DoesNotContain(ProductionActivityTypeNames(), name => name.StartsWith("Testing.", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_executable_tests_compile_against_the_executable()
    {
        var breaches = Repository.TestProjects.Where(p => p.Name is not ("RecipeCi.Tests" or "RecipeCi.UnitTests") && p.CompiledAgainst.Contains("RecipeCi")).Select(p => p.Name);
        Assert.Empty(breaches);
    }

    [Fact]
    public void The_shared_process_reference_to_the_executable_is_build_order_only()
    {
        var targets = ProjectFile.Load(Path.Combine(Repository.Root, "tests", "Directory.Build.targets"));
        Assert.All(targets.References.Where(r => r.Project == "RecipeCi"), r => Assert.False(r.CompilesAgainst));
    }

    private static IEnumerable<string> ProductionActivityTypeNames()
    {
        var assemblies = new[] { typeof(Activity).Assembly, typeof(Workflows.Hosting.Runtime.WorkflowServerOptions).Assembly, typeof(Recipes.Ci.Activities.RecipeActivities).Assembly };
        return assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(Activity).IsAssignableFrom(t))
            .Select(t => ActivityDescriber.Describe(t).TypeName);
    }
}
