using Microsoft.Extensions.Logging;
using Recipes.Ci.Alerts;
using Recipes.Ci.Configuration;
using Recipes.Ci.Runs;
using Recipes.Ci.Tenants;

namespace Recipes.Ci.Warm;

/// <summary>
/// Reaps orphan tenants in every warm dependency that has tenants (see <see cref="TenantReaper"/>: by liveness,
/// past the grace period, live count watched) and drops the leases of the tenants it deleted.
/// </summary>
public sealed class TenantReaping(
    TenantProviders providers,
    TenantLeases leases,
    RunRecords records,
    IRunLiveness liveness,
    AlertOnce alerts,
    TenantsOptions options,
    TimeProvider time,
    ILoggerFactory loggers)
{
    /// <summary><paramref name="progress"/> hears of each dependency as soon as it is reaped (the CLI prints it).</summary>
    public async Task<IReadOnlyList<DependencyReapReport>> ReapAsync(bool dryRun, CancellationToken cancellationToken, IProgress<DependencyReapReport>? progress = null)
    {
        var reports = new List<DependencyReapReport>();
        foreach (var name in providers.Names)
        {
            var provider = providers.For(name);
            var runs = (await provider.ListAsync(cancellationToken)).ToDictionary(t => t.Name, t => t.Run, StringComparer.Ordinal);
            var report = await new TenantReaper(provider, liveness, alerts, options, time, loggers.CreateLogger<TenantReaper>()).ReapAsync(dryRun, cancellationToken);
            if (!dryRun)
                foreach (var tenant in report.Deleted.Where(runs.ContainsKey))
                {
                    var run = runs[tenant];
                    if (await records.GetAsync(run.Value, cancellationToken) is { FinishedAt: null })
                        await records.FinishAsync(run.Value, RunResults.Error, cancellationToken);
                    leases.Delete(run, name);
                }
            reports.Add(new DependencyReapReport(name, report));
            progress?.Report(reports[^1]);
        }
        return reports;
    }
}

/// <summary>One dependency's reaper pass.</summary>
public sealed record DependencyReapReport(string Dependency, ReapReport Report);
