using System.Reflection;
using NetArchTest.Rules;

namespace Architecture.Tests;

/// <summary>
/// The README's dependency rule (DESIGN.md section 2): Workflows.* never references Recipes.*; Recipes.Swarm references
/// no Workflows.* and not Recipes.Ci; only Recipes.Ci/Activities touches the engine's activity API. Checked twice: on
/// the project files (a reference nobody uses yet is already a breach) and on the compiled types.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly[] WorkflowsAssemblies =
    [
        typeof(Workflows.Core.Activities.Activity).Assembly,
        typeof(Workflows.Persistence.Configuration.PersistenceOptions).Assembly,
        typeof(Workflows.Persistence.Configuration.SqliteFileModes).Assembly,
        typeof(Workflows.Hosting.Runtime.WorkflowServerOptions).Assembly,
    ];

    private static readonly Assembly RecipesSwarm = typeof(Recipes.Swarm.Docker.DockerOptions).Assembly;
    private static readonly Assembly RecipesCi = typeof(Recipes.Ci.Activities.RecipeActivities).Assembly;

    [Fact]
    public void Workflows_projects_reference_no_Recipes_project()
    {
        var breaches = Repository.SourceProjects.Where(p => p.Name.StartsWith("Workflows.", StringComparison.Ordinal))
            .SelectMany(p => p.References.Where(r => r.Project.StartsWith("Recipes", StringComparison.Ordinal)).Select(r => $"{p.Name} -> {r.Project}"));
        Assert.Empty(breaches);
    }

    [Fact]
    public void Workflows_types_depend_on_no_Recipes_type()
    {
        foreach (var assembly in WorkflowsAssemblies)
            AssertKept(Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny("Recipes", "RecipeCi").GetResult(), assembly.GetName().Name!);
    }

    [Fact]
    public void Recipes_Swarm_references_neither_Workflows_nor_Recipes_Ci()
    {
        var swarm = Repository.Source("Recipes.Swarm");
        Assert.DoesNotContain(swarm.References, r => r.Project.StartsWith("Workflows.", StringComparison.Ordinal) || r.Project is "Recipes.Ci" or "RecipeCi");
        AssertKept(Types.InAssembly(RecipesSwarm).ShouldNot().HaveDependencyOnAny("Workflows", "Recipes.Ci", "RecipeCi").GetResult(), "Recipes.Swarm");
    }

    [Fact]
    public void Only_Recipes_Ci_Activities_touches_the_engine_activity_API()
    {
        var result = Types.InAssembly(RecipesCi)
            .That().DoNotResideInNamespace("Recipes.Ci.Activities")
            .ShouldNot().HaveDependencyOnAny("Workflows.Core.Activities", "Workflows.Core.Runtime.ActivityContext")
            .GetResult();
        AssertKept(result, "Recipes.Ci outside Activities/");
    }

    [Fact]
    public void No_library_references_the_executable()
    {
        var breaches = Repository.SourceProjects.Where(p => p.Name != "RecipeCi")
            .SelectMany(p => p.References.Where(r => r.Project == "RecipeCi").Select(_ => p.Name));
        Assert.Empty(breaches);
    }

    private static void AssertKept(TestResult result, string what) =>
        Assert.True(result.IsSuccessful, $"{what}: these types break the dependency rule: {string.Join(", ", result.FailingTypeNames ?? [])}");
}
