using Microsoft.Extensions.Logging;
using Recipes.Ci.Alerts;
using Recipes.Ci.Configuration;

namespace Recipes.Ci.Tenants;

/// <summary>
/// Reaps tenants by liveness: a tenant is deleted only when its run is no longer running and it is older than the
/// grace period (so a run that has just created its tenant is never raced). A tenant without a creation record is
/// kept: its age is unknown. After reaping, the live count is compared with <c>Tenants:MaxLive</c> and an alert
/// is raised once per hour while it is over.
/// </summary>
public sealed class TenantReaper(
    ITenantProvider provider,
    IRunLiveness liveness,
    AlertOnce alerts,
    TenantsOptions options,
    TimeProvider time,
    ILogger<TenantReaper> logger)
{
    private static readonly TimeSpan AlertWindow = TimeSpan.FromHours(1);

    public async Task<ReapReport> ReapAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        var kept = new List<string>();
        foreach (var tenant in await provider.ListAsync(cancellationToken))
        {
            if (await liveness.IsRunningAsync(tenant.Run, cancellationToken))
            {
                kept.Add(tenant.Name);
                continue;
            }
            var createdAt = await provider.CreatedAtAsync(tenant.Run, cancellationToken);
            if (createdAt is null || time.GetUtcNow() - createdAt < options.GracePeriod)
            {
                logger.LogInformation("Keeping {Kind} tenant {Tenant}: run {Run} is not running but the tenant is {Age}",
                    provider.Kind, tenant.Name, tenant.Run.Value, createdAt is null ? "of unknown age" : "within the grace period");
                kept.Add(tenant.Name);
                continue;
            }
            if (!dryRun) await provider.DeleteAsync(tenant.Run, cancellationToken);
            logger.LogInformation("{Action} orphan {Kind} tenant {Tenant} of run {Run}, created {CreatedAt}",
                dryRun ? "Would delete" : "Deleted", provider.Kind, tenant.Name, tenant.Run.Value, createdAt);
            deleted.Add(tenant.Name);
        }

        var overLimit = kept.Count > options.MaxLive;
        var alerted = false;
        if (overLimit && !dryRun)
        {
            alerted = await alerts.RaiseAsync($"tenants-over-limit/{provider.Kind}", AlertWindow, AlertSeverity.Warning, $"tenants/{provider.Kind}",
                $"{kept.Count} live {provider.Kind} tenants (limit {options.MaxLive})",
                $"More {provider.Kind} tenants are live than Tenants:MaxLive allows; runs may be leaking tenants or too many run at once.",
                new Dictionary<string, string> { ["live"] = kept.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["limit"] = options.MaxLive.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                cancellationToken);
        }
        return new ReapReport(provider.Kind, dryRun, deleted, kept, kept.Count, overLimit, alerted);
    }
}
