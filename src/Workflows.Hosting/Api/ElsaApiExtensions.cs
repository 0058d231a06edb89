using Workflows.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Core.Activities;
using Workflows.Core.Management;
using Workflows.Hosting.Api.Definitions;
using Workflows.Hosting.Api.Descriptors;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Api;

/// <summary>The subset of Elsa's REST API that Elsa Studio uses, under <c>/elsa/api</c>.</summary>
public static class ElsaApiExtensions
{
    public const string BasePath = "/elsa/api";

    /// <summary>
    /// Registers what the endpoints need beyond the stores: the engine's registry and definition service (unless the
    /// engine's own registration already added them) and the deleter. Needs <c>AddStudioSecurity</c> (or <c>AddStudio</c>).
    /// </summary>
    internal static IServiceCollection AddElsaApi(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWorkflowsCore();
        services.TryAddSingleton<WorkflowValidator>();
        services.TryAddSingleton<TriggerIndexer>();
        services.TryAddSingleton<WorkflowDefinitionService>();
        services.TryAddSingleton<TriggerIndexRepair>();
        services.TryAddSingleton<DefinitionDeleter>();
        return services;
    }

    /// <summary>Maps every endpoint behind the API-key-or-session policy; unknown routes answer 404 JSON.</summary>
    internal static IEndpointRouteBuilder MapElsaApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath)
            .RequireAuthorization(SecuritySchemes.ElsaApiPolicy)
            .AddEndpointFilter<SameOriginFilter>();

        api.MapGetDefinition();
        api.MapListDefinitions();
        api.MapSaveDefinition();
        api.MapPublishDefinition();
        api.MapRevertDefinition();
        api.MapDeleteDefinition();
        api.MapExportImport();
        api.MapNameUniqueness();

        api.MapActivityDescriptors();
        api.MapExpressionDescriptors();
        api.MapVariableTypes();
        api.MapStorageDrivers();
        api.MapStrategyDescriptors();
        api.MapOutputConverters();
        api.MapFeatures();
        api.MapPackageVersion();
        api.MapScripting();

        api.Map("/{**path}", (string? path) =>
            ElsaJson.Error(StatusCodes.Status404NotFound, "not-found", $"No Elsa API endpoint at '/{path}'."));
        return endpoints;
    }
}
