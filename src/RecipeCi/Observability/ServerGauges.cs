using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using RecipeCi.Configuration;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;

namespace RecipeCi.Observability;

/// <summary>
/// Gauges of the server as a whole on <see cref="Meter"/> "RecipeCi": queue depth (instances created but not
/// started yet) and disk use of DataDir and the snapshots folder. They cost a database query and a directory
/// walk, so a background loop samples them and the gauges report the last sample; a scrape never waits on them.
/// </summary>
public sealed class ServerGauges : BackgroundService
{
    public const string MeterName = "RecipeCi";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly IDbContextFactory<WorkflowsDbContext> _contexts;
    private readonly RecipeCiSettings _settings;
    private readonly ILogger<ServerGauges> _logger;
    private readonly Meter _meter = new(MeterName);
    private long _pending = -1, _dataBytes = -1, _snapshotBytes = -1;

    public ServerGauges(IDbContextFactory<WorkflowsDbContext> contexts, RecipeCiSettings settings, ILogger<ServerGauges> logger)
    {
        _contexts = contexts;
        _settings = settings;
        _logger = logger;
        // Nothing is reported before the first sample (-1): an absent series is better than a false zero.
        _meter.CreateObservableGauge("queue.pending", () => Sample(ref _pending), unit: "{instance}",
            description: "Workflow instances waiting to start (sub-status Pending).");
        _meter.CreateObservableGauge("disk.used", () => DiskSamples(), unit: "By",
            description: "Bytes used by DataDir (database, recipes, alerts) and by the snapshots folder.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var db = await _contexts.CreateDbContextAsync(stoppingToken);
                var pending = nameof(WorkflowSubStatus.Pending);
                Interlocked.Exchange(ref _pending, await db.WorkflowInstances.CountAsync(i => i.SubStatus == pending, stoppingToken));
                Interlocked.Exchange(ref _dataBytes, FolderSize(_settings.DataDir));
                Interlocked.Exchange(ref _snapshotBytes, FolderSize(_settings.Paths.SnapshotsRoot));
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
