using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Ci.Locking;
using Recipes.Ci.Tenants;

namespace Recipes.Ci.Warm;

/// <summary>
/// A run's tenants: one per warm dependency the recipe <c>needs</c>, each leased (lease first, then the tenant, so a
/// crash in between leaves a lease that release and the reaper clean up) and released by its lease.
/// </summary>
public sealed class RunTenants(TenantProviders providers, TenantLeases leases, TimeProvider time, ILogger<RunTenants> logger)
{
    public async Task<IReadOnlyList<Tenant>> ProvideAsync(RunId run, string instanceId, IReadOnlyList<WarmNeed> needs, CancellationToken cancellationToken)
    {
        var tenants = new List<Tenant>();
        foreach (var need in needs)
        {
            var provider = providers.For(need.Dependency);
            await leases.WriteAsync(new TenantLease(run.Value, need.Dependency, instanceId, WorkerIdentity.Current.ToString(), time.GetUtcNow()), cancellationToken);
            var tenant = await provider.CreateAsync(run, TenantRequest.From(need), cancellationToken);
            logger.LogInformation("Run {Run}: {Tenant} in warm dependency {Dependency}", run.Value, tenant, need.Dependency);
            tenants.Add(tenant);
        }
        return tenants;
    }

    /// <summary>Deletes every tenant the run leased; returns the dependencies released. Idempotent.</summary>
    public async Task<IReadOnlyList<string>> ReleaseAsync(RunId run, CancellationToken cancellationToken)
    {
        var released = new List<string>();
        foreach (var lease in await leases.OfAsync(run, cancellationToken))
        {
            var deleted = await providers.For(lease.Dependency).DeleteAsync(run, cancellationToken);
            leases.Delete(run, lease.Dependency);
            logger.LogInformation("Run {Run}: tenant in {Dependency} {Action}", run.Value, lease.Dependency, deleted ? "deleted" : "already gone");
            released.Add(lease.Dependency);
        }
        return released;
    }
}
