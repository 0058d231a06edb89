using System.Diagnostics;
using Workflows.Core.Persistence;

namespace Workflows.Persistence.Stores;

/// <summary>
/// Group commit: gathers the commits of concurrently running instances (lease-fenced ones included: their fences travel
/// in the group's batch, see <c>EfWorkflowInstanceStore</c>) and writes them together in one
/// transaction (on PostgreSQL one round trip), so a busy engine pays one transaction, one WAL flush and one round trip
/// for many steps instead of one each. Every caller still awaits its own commit: the task completes only after the
/// transaction holding it committed, so a step is never reported done before it is durable.
/// <para>
/// One flush runs at a time; commits arriving meanwhile wait and form the next group, so groups grow with the load
/// and a lone commit is written at once. A group that fails is written again commit by commit, so each caller gets
/// the outcome of its own commit (a duplicate create fails only that create). Commits of one instance never share a
/// group out of order: an instance awaits each commit before it makes the next.
/// </para>
/// <para>
/// After a group of several commits is flushed, the loop lingers up to <see cref="Linger"/> for the instances that group
/// released: they come back with their next step within about a millisecond, and without the wait the running
/// instances split into two halves that take turns, each flush carrying only half of them.
/// </para>
/// </summary>
internal sealed class CommitCoalescer(
    Func<IReadOnlyList<WorkflowInstanceCommit>, Task> writeTogether,
    Func<WorkflowInstanceCommit, Task> writeAlone,
    int maxGroupSize)
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(1);

    private readonly Lock _lock = new();
    private readonly Queue<PendingCommit> _queue = new();
    private bool _flushing;
    private TaskCompletionSource? _filled;
    private int _fillTarget;
    private long _groups;
    private long _commits;
    private long _flushTicks;

    /// <summary>Groups and commits flushed so far, and the time spent flushing them.</summary>
    public GroupCommitStatistics Statistics => new(
        Interlocked.Read(ref _groups), Interlocked.Read(ref _commits), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _flushTicks)));

    /// <summary>Completes when the commit is durable; faults with the commit's own error.</summary>
    public Task CommitAsync(WorkflowInstanceCommit commit, CancellationToken cancellationToken)
    {
        // Cancellation counts only before the commit is handed over: once queued it is written, and the caller learns
        // its outcome, so nothing can be committed behind the back of a caller that stopped waiting.
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingCommit(commit);
        bool startFlushing;
        lock (_lock)
        {
            _queue.Enqueue(pending);
            startFlushing = !_flushing;
            _flushing = true;
            if (_filled is not null && _queue.Count >= _fillTarget)
            {
                _filled.TrySetResult();
                _filled = null;
            }
        }
        if (startFlushing)
        {
            // Its own task: the flushing loop must not hold up the caller's instance while it writes other groups; and
            // without the caller's execution context, so its spans and async locals do not claim the other commits.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(FlushLoopAsync, CancellationToken.None);
            }
        }
        return pending.Completion.Task;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            var group = new List<PendingCommit>();
            lock (_lock)
            {
                while (group.Count < maxGroupSize && _queue.TryDequeue(out var next))
                {
                    group.Add(next);
                }
                if (group.Count == 0)
                {
                    _flushing = false;
                    return;
                }
            }
            var started = Stopwatch.GetTimestamp();
            await FlushAsync(group);
            Interlocked.Add(ref _flushTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Add(ref _commits, group.Count);
            Interlocked.Increment(ref _groups);
            if (group.Count > 1)
                await LingerAsync(group.Count);
        }
    }

    /// <summary>Waits, up to <see cref="Linger"/>, until the commits queued meanwhile and the group just released are all queued.</summary>
    private async Task LingerAsync(int released)
    {
        Task filled;
        lock (_lock)
        {
            var target = Math.Min(maxGroupSize, _queue.Count + released);
            if (_queue.Count >= target)
                return;
            _fillTarget = target;
            _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            filled = _filled.Task;
        }
        await Task.WhenAny(filled, Task.Delay(Linger));
        lock (_lock)
        {
            _filled = null;
        }
    }

    private async Task FlushAsync(List<PendingCommit> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await writeTogether(group.ConvertAll(p => p.Commit));
                group.ForEach(p => p.Completion.TrySetResult());
                return;
            }
            catch (Exception)
            {
                // Nothing of the group was written (one transaction); below each commit gets its own outcome.
            }
        }
        foreach (var pending in group)
        {
            try
            {
                await writeAlone(pending.Commit);
                pending.Completion.TrySetResult();
            }
            catch (Exception e)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private sealed class PendingCommit(WorkflowInstanceCommit commit)
    {
        public WorkflowInstanceCommit Commit { get; } = commit;

        // Asynchronous continuations: the awaiting instance goes on running on the pool, not inside the flush loop.
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
