using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Architecture.Tests;

/// <summary>
/// One composition model (issue 18): each library project exposes exactly one service registration, an
/// <c>Add&lt;Project&gt;</c> extension of <see cref="IServiceCollection"/>; its parts are chosen through that one call
/// (a builder), not by a host calling a dozen registrations of the same project in the right order.
/// </summary>
public sealed class CompositionRuleTests
{
    public static TheoryData<string, string> Registrations => new()
    {
        { "Workflows.Core", "AddWorkflowsCore" },
        { "Workflows.Persistence", "AddWorkflowPersistence" },
        { "Workflows.Hosting", "AddWorkflowsHosting" },
        { "Recipes.Swarm", "AddRecipesSwarm" },
        { "Recipes.Ci", "AddRecipesCi" },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Each_library_exposes_one_service_registration(string project, string registration)
    {
        var exposed = Assembly.Load(project).GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.IsDefined(typeof(ExtensionAttribute), inherit: false)
                && method.GetParameters()[0].ParameterType == typeof(IServiceCollection))
            .ToList();

        Assert.True(exposed.Count > 0 && exposed.All(method => method.Name == registration),
            $"{project} should expose {registration} only; it exposes: {string.Join(", ", exposed.Select(m => $"{m.DeclaringType!.Name}.{m.Name}"))}");
    }
}
