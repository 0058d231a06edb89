using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Alerts;
using Recipes.Ci.Configuration;
using Recipes.Ci.Housekeeping;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Recipes.Ci.Tenants;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;
using Workflows.Core.Persistence;

namespace Recipes.Ci.Warm;

internal static class WarmServiceCollectionExtensions
{
    /// <summary>
    /// What the warm-dependency, tenant and housekeeping activities need, on top of
    /// <see cref="Activities.RecipesCiServiceCollectionExtensions.AddRecipesCi"/>: the warm dependencies, tenant
    /// providers and leases (under <c>DataDir/tenants</c>), run liveness (over the engine's instance store when one
    /// is registered), alerts and their relay, the disk guard and prune.
    /// </summary>
    public static IServiceCollection AddWarmDependencies(this IServiceCollection services, WarmOptions warm, TenantsOptions tenants, AlertsOptions alerts)
    {
        services.TryAddSingleton(warm);
        services.TryAddSingleton(tenants);
        services.TryAddSingleton(alerts);
        services.TryAddSingleton<WarmDependencyCatalog>();
        services.TryAddSingleton<TenantProviders>();
        services.TryAddSingleton(sp => new TenantLeases(Path.Combine(sp.GetRequiredService<RecipeCiOptions>().DataDir, "tenants")));
        services.TryAddSingleton<IRunLiveness>(sp => new RunLiveness(sp.GetRequiredService<RunRecords>(), sp.GetRequiredService<TenantLeases>(),
            sp.GetRequiredService<AppLocks>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<IWorkflowInstanceStore>()));
        services.TryAddSingleton<RunTenants>();
        services.TryAddSingleton<TenantReaping>();

        services.TryAddSingleton<WarmSpecs>();
        services.TryAddSingleton<WarmDeployer>();
        services.TryAddSingleton<WarmHealthProbe>();
        services.TryAddSingleton<WarmSnapshotter>();
        services.TryAddSingleton<WarmRollback>();
        services.TryAddSingleton<TargetVersionResolver>();

        services.TryAddSingleton(sp => new AlertStore(sp.GetRequiredService<RecipeCiOptions>().Paths.AlertsRoot, sp.GetRequiredService<ILogger<AlertStore>>()));
        services.TryAddSingleton<AlertOnce>();
        services.TryAddSingleton(sp => new AlertRelay(sp.GetRequiredService<AlertStore>(),
            AlertSinkFactory.Create(alerts, sp.GetRequiredService<AlertsHttp>().Client), sp.GetRequiredService<ILogger<AlertRelay>>()));
        services.TryAddSingleton<AlertsHttp>();

        services.TryAddSingleton(sp => new DockerBuildCache(sp.GetRequiredService<RecipeCiOptions>().Docker));
        services.TryAddSingleton<DiskMonitor>();
        services.TryAddSingleton<DockerPruner>();
        services.TryAddSingleton<Housekeeper>();
        services.TryAddSingleton<ReferencedSnapshots>();
        services.TryAddSingleton<Canonicals.SnapshotRetention>();
        services.TryAddSingleton<OrphanStackReaper>();
        services.TryAddSingleton<HousekeepingPass>();
        return services;
    }
}

