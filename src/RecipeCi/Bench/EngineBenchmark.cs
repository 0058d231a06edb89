using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Persistence.DependencyInjection;
using Workflows.Persistence.Schema;
using Workflows.Persistence.Stores;

namespace RecipeCi.Bench;

/// <summary>
/// Runs N instances of a K-step sequential workflow through <see cref="WorkflowEngine"/> on the durable EF store
/// (a commit before the first step and after every step), P at a time, and measures throughput, per-activity engine
/// overhead and the process's memory at 10% and 100% of the run.
/// </summary>
public sealed class EngineBenchmark(EngineBenchmarkOptions options)
{
    public async Task<EngineBenchmarkResult> RunAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var database = BenchDatabase.Open(options.Provider, options.ConnectionString);
        await using var services = new ServiceCollection().AddWorkflowPersistence(database.Options).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

        var definitions = services.GetRequiredService<IWorkflowDefinitionStore>();
        var instances = services.GetRequiredService<IWorkflowInstanceStore>();
        var definition = BenchWorkflow.Create($"bench-{Guid.NewGuid():N}", options.Activities);
        await definitions.SaveAsync([definition], cancellationToken);

        var timings = new BenchTimings(options.Instances, options.Activities);
        var registry = ActivityRegistry.CreateWithBuiltIns().Register(_ => new BenchStep(timings));
        var engine = new WorkflowEngine(registry, definitions, instances, services.GetRequiredService<IBookmarkStore>(), new WorkflowEngineServices());

        var runIds = new List<string>(options.Instances + options.WarmupInstances);
        var warmup = await RunInstancesAsync(engine, definition, timings, options.WarmupInstances, record: false, null, runIds, cancellationToken);
        var store = services.GetRequiredService<EfWorkflowInstanceStore>();
        var groupsBefore = store.GroupCommits;
        var measured = await RunInstancesAsync(engine, definition, timings, options.Instances, record: true, progress, runIds, cancellationToken);
        var groups = store.GroupCommits.Since(groupsBefore);
        // Same database, same connection count, right after the engine: the floor a durable step loop can reach here.
        var reference = options.NpgsqlReference
            ? await new NpgsqlReferenceBenchmark(database.Options.ConnectionString, options.Instances, options.Activities, options.Parallelism).RunAsync(cancellationToken)
            : null;

        if (!database.IsThrowAway)
        {
            // A database the user named keeps only what it had before.
            foreach (var chunk in runIds.Chunk(500))
            {
                await instances.DeleteAsync(chunk, CancellationToken.None);
            }
            await definitions.DeleteAsync([definition.Id], CancellationToken.None);
        }

        var seconds = measured.Elapsed.TotalSeconds;
        var completed = options.Instances - measured.Failed;
        return new EngineBenchmarkResult(
            Store: options.Provider.ToString(),
            Instances: options.Instances,
            ActivitiesPerInstance: options.Activities,
            Parallelism: options.Parallelism,
            WarmupInstances: options.WarmupInstances,
            FailedInstances: measured.Failed + warmup.Failed,
            ElapsedSeconds: Math.Round(seconds, 3),
            WorkflowsPerSecond: Math.Round(completed / seconds, 1),
            ActivityExecutionsPerSecond: Math.Round(completed * (double)options.Activities / seconds, 1),
            OverheadP50Milliseconds: Math.Round(timings.OverheadPercentileMilliseconds(50), 3),
            OverheadP99Milliseconds: Math.Round(timings.OverheadPercentileMilliseconds(99), 3),
            ActivityWorkMillisecondsPerActivity: Math.Round(timings.ActivityTime.TotalMilliseconds / Math.Max(1, completed * options.Activities), 4),
            ProcessCpuMillisecondsPerActivity: Math.Round(measured.ProcessorTime.TotalMilliseconds / Math.Max(1, completed * options.Activities), 3),
            MachineLoadAverage: ProcessFigures.LoadAverage(),
            RssAt10PercentMegabytes: Megabytes(measured.RssAt10Percent),
            RssAt100PercentMegabytes: Megabytes(measured.RssAt100Percent),
            RssGrowthPercent: Math.Round(100.0 * (measured.RssAt100Percent - measured.RssAt10Percent) / measured.RssAt10Percent, 1),
            ManagedHeapAt10PercentMegabytes: Megabytes(measured.HeapAt10Percent),
            ManagedHeapAt100PercentMegabytes: Megabytes(measured.HeapAt100Percent),
            GroupCommits: new GroupCommitFigures(
                groups.Groups,
                Math.Round(groups.AverageGroupSize, 2),
                Math.Round(groups.AverageFlushMilliseconds, 3),
                Math.Round(100 * groups.FlushTime.TotalSeconds / seconds, 1)),
            NpgsqlReference: reference,
            RatioToNpgsqlReference: reference is null ? null : Math.Round(completed * (double)options.Activities / seconds / reference.StepsPerSecond, 3));
    }

    private async Task<RunFigures> RunInstancesAsync(
        WorkflowEngine engine,
        StoredWorkflowDefinition definition,
        BenchTimings timings,
        int count,
        bool record,
        IProgress<int>? progress,
        List<string> runIds,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var done = 0;
        var failed = 0;
        var tenPercent = Math.Max(1, count / 10);
        long rssAt10 = 0, heapAt10 = 0;
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.NewGuid().ToString("N");
        }
        lock (runIds)
        {
            runIds.AddRange(ids);
        }

        var cpuBefore = ProcessFigures.ProcessorTime();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Max(1, options.Parallelism)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var instanceId = ids[index];
                timings.InstanceRequested(instanceId, Stopwatch.GetTimestamp());
                var ok = await RunOneAsync(engine, definition, instanceId, cancellationToken);
                timings.InstanceCompleted(instanceId, Stopwatch.GetTimestamp(), record && ok);
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
                var finished = Interlocked.Increment(ref done);
                if (finished == tenPercent)
                {
                    (rssAt10, heapAt10) = (ProcessFigures.ResidentSetBytes(), GC.GetTotalMemory(false));
                }
                progress?.Report(finished);
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(workers);
        stopwatch.Stop();
        return new RunFigures(stopwatch.Elapsed, ProcessFigures.ProcessorTime() - cpuBefore, failed, rssAt10, ProcessFigures.ResidentSetBytes(), heapAt10, GC.GetTotalMemory(false));
    }

    private static async Task<bool> RunOneAsync(WorkflowEngine engine, StoredWorkflowDefinition definition, string instanceId, CancellationToken cancellationToken)
    {
        // Created, then run from the row just written (as recipeci run does): the reference also inserts its row first.
        var created = await engine.CreateInstanceAsync(definition, new WorkflowStartOptions { InstanceId = instanceId }, cancellationToken);
        var result = await engine.RunAsync(created, new WorkflowRunControl(), cancellationToken);
        return result.SubStatus == WorkflowSubStatus.Finished;
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / (1024.0 * 1024.0), 1);

    private sealed record RunFigures(TimeSpan Elapsed, TimeSpan ProcessorTime, int Failed, long RssAt10Percent, long RssAt100Percent, long HeapAt10Percent, long HeapAt100Percent);
}
