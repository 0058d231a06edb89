using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Configuration;
using Recipes.Ci.Forge;
using Recipes.Ci.Locking;
using Recipes.Ci.Warm;
using Recipes.Ci.Webhooks;
using Workflows.Core.Persistence;

namespace Recipes.Ci.Activities;

/// <summary>
/// The parts of Recipes.Ci a host chooses on top of what every host has (<see cref="RecipesCiServiceCollectionExtensions.AddRecipesCi"/>):
/// the server takes them all, a CLI command only the warm dependencies.
/// </summary>
public sealed class RecipesCiBuilder
{
    private readonly IServiceCollection _services;

    internal RecipesCiBuilder(IServiceCollection services) => _services = services;

    /// <summary>
    /// The warm dependencies, their tenants and leases, run liveness, alerts and their relay, the disk guard and
    /// prune: what the warm-dependency, tenant and housekeeping activities need.
    /// </summary>
    public RecipesCiBuilder UseWarmDependencies(WarmOptions warm, TenantsOptions tenants, AlertsOptions alerts)
    {
        _services.AddWarmDependencies(warm, tenants, alerts);
        return this;
    }

    /// <summary>Run liveness asks the engine's instance store first: the host runs the engine, which writes it.</summary>
    public RecipesCiBuilder UseInstanceStoreLiveness()
    {
        _services.AddSingleton<IRunInstanceLiveness>(sp => new InstanceStoreLiveness(sp.GetRequiredService<IWorkflowInstanceStore>()));
        return this;
    }

    /// <summary>The configured forge (<c>Forge:*</c>) and the hosted service that posts the outbox to it.</summary>
    public RecipesCiBuilder UseForge(ForgeOptions forge)
    {
        _services.AddForge(forge);
        return this;
    }

    /// <summary>The CI webhook's gate and delivery store.</summary>
    public RecipesCiBuilder UseWebhookGate(WebhookOptions webhook)
    {
        _services.AddCiWebhookGate(webhook);
        return this;
    }
}
