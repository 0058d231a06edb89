using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using RecipeCi.Configuration;
using Recipes.Ci.Warm;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;

namespace RecipeCi.Observability;

/// <summary>
/// Gauges of the server as a whole on <see cref="Meter"/> "RecipeCi": queue depth (instances created but not
/// started yet), live tenants per warm dependency (the tenant leases under DataDir/tenants) and disk use of DataDir
/// and the snapshots folder. They cost a database query and directory walks, so a background loop samples them and
/// the gauges report the last sample; a scrape never waits on them.
/// </summary>
public sealed class ServerGauges : BackgroundService
{
    public const string MeterName = "RecipeCi";

    private readonly IDbContextFactory<WorkflowsDbContext> _contexts;
    private readonly RecipeCiSettings _settings;
    private readonly TimeSpan _interval;
    private readonly TenantLeases _tenants;
    private readonly WarmDependencyCatalog _warm;
    private readonly ILogger<ServerGauges> _logger;
    private readonly Meter _meter = new(MeterName);
    private long _pending = -1, _dataBytes = -1, _snapshotBytes = -1;
    private IReadOnlyDictionary<string, int>? _liveTenants;

    public ServerGauges(IDbContextFactory<WorkflowsDbContext> contexts, RecipeCiSettings settings, ServerGaugeOptions options,
        TenantLeases tenants, WarmDependencyCatalog warm, ILogger<ServerGauges> logger)
    {
        _interval = options.Interval;
        _contexts = contexts;
        _settings = settings;
        _tenants = tenants;
        _warm = warm;
        _logger = logger;
        // Nothing is reported before the first sample (-1): an absent series is better than a false zero.
        // Names carry "recipeci.": OpenTelemetry's Prometheus exporter does not prefix the meter name.
        _meter.CreateObservableGauge("recipeci.queue.pending", () => Sample(ref _pending), unit: "{instance}",
            description: "Workflow instances waiting to start (sub-status Pending).");
        _meter.CreateObservableGauge("recipeci.tenants.live", () => TenantSamples(), unit: "{tenant}",
            description: "Tenants currently held by runs, by warm dependency (their leases under DataDir/tenants).");
        _meter.CreateObservableGauge("recipeci.disk.used", () => DiskSamples(), unit: "By",
            description: "Bytes used by DataDir (database, recipes, alerts) and by the snapshots folder.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(stoppingToken);
                var pending = nameof(WorkflowSubStatus.Pending);
                Interlocked.Exchange(ref _pending, await db.WorkflowInstances.CountAsync(i => i.SubStatus == pending, stoppingToken));
                Interlocked.Exchange(ref _dataBytes, FolderSize(_settings.DataDir));
                Interlocked.Exchange(ref _snapshotBytes, FolderSize(_settings.Paths.SnapshotsRoot));
                Volatile.Write(ref _liveTenants, _tenants.CountByDependency());
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogWarning(e, "Sampling the queue depth and disk use for /metrics failed; the gauges keep their last values");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private static IEnumerable<Measurement<long>> Sample(ref long field)
    {
        var value = Interlocked.Read(ref field);
        return value < 0 ? [] : [new Measurement<long>(value)];
    }

    // Every configured dependency is reported, with 0 when no run holds a tenant in it; a lease of a dependency no
    // longer configured (left by a crash) is reported too, as it is a tenant the reaper still has to remove.
    private IEnumerable<Measurement<int>> TenantSamples()
    {
        if (Volatile.Read(ref _liveTenants) is not { } live)
            yield break;
        var names = _warm.All.Select(d => d.Name).Concat(live.Keys).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
            yield return new Measurement<int>(live.GetValueOrDefault(name), new KeyValuePair<string, object?>("dependency", name));
    }

    private IEnumerable<Measurement<long>> DiskSamples()
    {
        var data = Interlocked.Read(ref _dataBytes);
        var snapshots = Interlocked.Read(ref _snapshotBytes);
        if (data >= 0) yield return new Measurement<long>(data, new KeyValuePair<string, object?>("folder", "data"));
        if (snapshots >= 0) yield return new Measurement<long>(snapshots, new KeyValuePair<string, object?>("folder", "snapshots"));
    }

    // Files vanish while we walk (work trees are removed when runs end): skip what is gone.
    private static long FolderSize(string path)
    {
        if (!Directory.Exists(path)) return 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        long total = 0;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", options))
        {
            try { total += file.Length; } catch (IOException) { }
        }
        return total;
    }
}
