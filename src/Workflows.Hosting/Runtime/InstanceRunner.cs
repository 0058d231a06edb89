using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Runs the engine on this node the way every entry point must: under the instance lock (never twice at once),
/// under a heartbeat-renewed lease (so a crash is noticed), stopping between steps on shutdown or a lost lease.
/// </summary>
public sealed class InstanceRunner(
    WorkflowEngine engine,
    IWorkflowInstanceStore instances,
    IBookmarkStore bookmarks,
    IWorkflowLocks locks,
    InstanceLeases leases,
    RunningInstances running,
    ServerShutdown shutdown,
    IWorkflowDispatcher dispatcher,
    WorkflowServerOptions options,
    ILogger<InstanceRunner> logger)
{
    /// <summary>Runs a pending or interrupted instance. A run already going elsewhere makes this one a duplicate: skipped.</summary>
    public Task<RunOutcome> RunAsync(string instanceId, CancellationToken cancellationToken) =>
        ExecuteAsync(instanceId, null, null, TimeSpan.Zero, cancellationToken, CancellationToken.None);

    /// <summary>
    /// Starts an instance and runs it in this process, holding it from the start: its lock is taken first (another
    /// start of this very id under way, or a run of an existing instance, refuses this one), and the run creates the row
    /// with its first commit (<see cref="WorkflowEngine.StartAsync"/>) with this node's lease already in it. Against
    /// creating and then claiming, this saves a commit, the lease's write and two reads of the instance; a taken id
    /// fails that first commit (<see cref="InstanceAlreadyExistsException"/>). <paramref name="cancelWorkflow"/> cancels
    /// the workflow.
    /// </summary>
    public async Task<RunOutcome> StartAndRunAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, CancellationToken cancelWorkflow)
    {
        var instanceId = options.InstanceId ?? throw new ArgumentException("A started instance needs its id chosen up front.", nameof(options));
        var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), TimeSpan.Zero, CancellationToken.None)
                           ?? throw new WorkflowInstanceExistsException(instanceId);
        var (owner, expiresAt) = leases.ForNewInstance();
        var start = new NewInstance(definition, options with { LeaseOwner = owner, LeaseExpiresAt = expiresAt });
        var claim = new InstanceClaim(null, instanceLock, leases.AdoptUnwritten(instanceId), start);
        return await RunClaimedAsync(claim, new InstanceWork(instanceId), cancelWorkflow);
    }

    /// <summary>
    /// Creates an instance as Pending with this node's lease in its row, under its lock, and runs it here in the
    /// background (<see cref="Dispatch.LocalDispatch"/>): the row exists before this returns, as a dispatched start's
    /// does, but there is no bus hop, no read of the row and no lease write. <paramref name="slot"/> (a worker slot)
    /// is released when the run ends or the create fails. A taken id throws <see cref="WorkflowInstanceExistsException"/>.
    /// </summary>
    public async Task<WorkflowInstanceRecord> CreateAndStartAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, IDisposable slot,
        CancellationToken cancellationToken)
    {
        InstanceClaim claim;
        try
        {
            claim = await CreateClaimedAsync(definition, options, cancellationToken);
        }
        catch
        {
            slot.Dispose();
            throw;
        }
        RunInBackground(claim, new InstanceWork(claim.Record!.Id), slot);
        return claim.Record;
    }

    /// <summary>Takes the new instance's lock, then commits its row with this node's lease in it.</summary>
    private async Task<InstanceClaim> CreateClaimedAsync(StoredWorkflowDefinition definition, WorkflowStartOptions options, CancellationToken cancellationToken)
    {
        var instanceId = options.InstanceId ?? throw new ArgumentException("A started instance needs its id chosen up front.", nameof(options));
        var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), TimeSpan.Zero, cancellationToken)
                           ?? throw new WorkflowInstanceExistsException(instanceId);
        try
        {
            var (owner, expiresAt) = leases.ForNewInstance();
            var record = await engine.CreateInstanceAsync(definition, options with { LeaseOwner = owner, LeaseExpiresAt = expiresAt }, cancellationToken);
            return new InstanceClaim(record, instanceLock, leases.AdoptWritten(instanceId), RecordIsCurrent: true);
        }
        catch (Exception e)
        {
            await instanceLock.DisposeAsync();
            if (e is InstanceAlreadyExistsException taken)
                throw new WorkflowInstanceExistsException(taken.InstanceId);
            throw;
        }
    }

    /// <summary>
    /// Resumes at a bookmark, waiting up to a lease length for a worker that holds the instance. With a
    /// <paramref name="stimulusId"/>, the resumption consumes that queued stimulus in its first commit (exactly once).
    /// </summary>
    public Task<RunOutcome> ResumeAsync(string instanceId, string bookmarkId, JsonNode? payload, CancellationToken cancellationToken, string? stimulusId = null) =>
        ExecuteAsync(instanceId, bookmarkId, payload, options.LeaseDuration, cancellationToken, CancellationToken.None, stimulusId);

    /// <summary>The run's result, unless <paramref name="givenUp"/> fires first (then the run is left to itself).</summary>
    private static async Task<WorkflowInstanceRecord> AbandonableAsync(Task<WorkflowInstanceRecord> run, CancellationToken givenUp)
    {
        try
        {
            return await run.WaitAsync(givenUp);
        }
        catch (OperationCanceledException) when (givenUp.IsCancellationRequested && !run.IsCompleted)
        {
            // Observe whatever the abandoned run ends with, so it never surfaces as an unobserved task exception.
            _ = run.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>
    /// For the bus consumers: claims the instance (lock, checks, lease) within the delivery, then runs it in the
    /// background and answers <see cref="RunOutcomeKind.Started"/>, so the message is acknowledged at once. A broker
    /// outage then never finds a delivery held open for the length of a run (which wedged MassTransit's receive
    /// transport and kept those runs' leases alive); the run itself needs no broker, and a crash is recovered from
    /// its lease. <paramref name="slot"/> (a worker slot) is released when the run ends or the claim fails.
    /// </summary>
    public async Task<RunOutcome> StartAsync(InstanceWork work, IDisposable slot, CancellationToken cancellationToken)
    {
        InstanceClaim? claim = null;
        try
        {
            var lockWait = work.BookmarkId is null ? TimeSpan.Zero : options.LeaseDuration;
            (var outcome, claim) = await ClaimAsync(work.InstanceId, work.BookmarkId, lockWait, cancellationToken);
            if (outcome is not null)
                return outcome;
        }
        finally
        {
            if (claim is null)
                slot.Dispose();
        }
        RunInBackground(claim!, work, slot);
        return RunOutcome.Started();
    }

    /// <summary>Runs a claimed instance on the thread pool; the worker slot goes back when the run ends.</summary>
    private void RunInBackground(InstanceClaim claim, InstanceWork work, IDisposable slot) =>
        _ = Task.Run(async () =>
        {
            using (slot)
            {
                try
                {
                    await RunClaimedAsync(claim, work, CancellationToken.None);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Workflow instance {WorkflowInstanceId} failed to run on this node; the recovery sweep picks it up when its lease expires", work.InstanceId);
                }
            }
        }, CancellationToken.None);

    private async Task<RunOutcome> ExecuteAsync(string instanceId, string? bookmarkId, JsonNode? payload, TimeSpan lockWait,
        CancellationToken cancellationToken, CancellationToken cancelWorkflow, string? stimulusId = null)
    {
        var (outcome, claim) = await ClaimAsync(instanceId, bookmarkId, lockWait, cancellationToken);
        return outcome ?? await RunClaimedAsync(claim!, new InstanceWork(instanceId, bookmarkId, payload, stimulusId), cancelWorkflow);
    }

    /// <summary>Takes the instance lock and lease after checking there is work; an outcome instead when there is none.</summary>
    private async Task<(RunOutcome? Outcome, InstanceClaim? Claim)> ClaimAsync(string instanceId, string? bookmarkId, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        var instanceLock = await locks.TryAcquireAsync(LockNames.Instance(instanceId), lockWait, cancellationToken);
        if (instanceLock is null)
            return (bookmarkId is null
                ? RunOutcome.Skipped(null, "another worker is running it")
                : RunOutcome.Busy($"workflow instance {instanceId} is held by another worker"), null);
        try
        {
            // Usually nobody holds the lease (a dispatched start, a resume): one statement takes it and reads the row.
            if (await leases.TryTakeFreeAsync(instanceId, cancellationToken) is ({ } freeLease, { } current))
            {
                if (await NothingToDoAsync(current, bookmarkId, cancellationToken) is { } idle)
                {
                    await freeLease.DisposeAsync();
                    await instanceLock.DisposeAsync();
                    return (idle, null);
                }
                return (null, new InstanceClaim(current, instanceLock, freeLease, RecordIsCurrent: true));
            }

            // The row is missing or names an owner: a dead node's lease, or a live one's. Check before waiting it out.
            var record = await instances.FindAsync(instanceId, cancellationToken);
            if (await NothingToDoAsync(record, bookmarkId, cancellationToken) is { } nothing)
            {
                await instanceLock.DisposeAsync();
                return (nothing, null);
            }
            var lease = await leases.AcquireAsync(instanceId, cancellationToken);
            if (lease is null)
            {
                await instanceLock.DisposeAsync();
                return (RunOutcome.Busy($"the lease of workflow instance {instanceId} is held by another node"), null);
            }
            return (null, new InstanceClaim(record!, instanceLock, lease));
        }
        catch
        {
            await instanceLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>Why a claim has nothing to run (no row, finished, suspended with no bookmark to resume, a resumed bookmark); null when it has.</summary>
    private async Task<RunOutcome?> NothingToDoAsync(WorkflowInstanceRecord? record, string? bookmarkId, CancellationToken cancellationToken)
    {
        RunOutcome? nothing = record switch
        {
            null => RunOutcome.Skipped(null, "not found"),
            { Status: WorkflowStatus.Finished } => RunOutcome.Skipped(record, "already finished"),
            { SubStatus: WorkflowSubStatus.Suspended } when bookmarkId is null => RunOutcome.Skipped(record, "suspended on bookmarks"),
            _ => null,
        };
        if (nothing is null && bookmarkId is not null && await bookmarks.FindByIdAsync(bookmarkId, cancellationToken) is null)
            nothing = RunOutcome.Skipped(record, $"bookmark {bookmarkId} was already resumed");
        return nothing;
    }

    private async Task<RunOutcome> RunClaimedAsync(InstanceClaim claim, InstanceWork work, CancellationToken cancelWorkflow)
    {
        var (instanceId, bookmarkId, payload, stimulusId) = work;
        var (record, instanceLock, lease, start, recordIsCurrent) = claim;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["WorkflowInstanceId"] = instanceId });
        await using (instanceLock)
        await using (lease)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancelWorkflow);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Stopping, lease.Lost);
            using (running.Add(instanceId, cancel, lease))
            {
                // A current record names this node's lease (taken free, or written by this node): nothing was interrupted.
                if (!recordIsCurrent && record is { SubStatus: WorkflowSubStatus.Executing, LeaseOwner: not null })
                    logger.LogWarning("Recovering workflow instance {WorkflowInstanceId} interrupted on {LeaseOwner}: its last step runs again", instanceId, record.LeaseOwner);
                // A row whose lease was free is read with the lease taken, and one this node created with its lease in it
                // (CreateAndStartAsync) is current as written. Otherwise the claim read the row under the instance lock
                // before taking the lease: a row that named another owner (a dead node's run) could have moved on until
                // that lease ran out, and is read again now that the lease is this node's.
                if (!recordIsCurrent && record is { LeaseOwner: not null })
                    record = await instances.FindAsync(instanceId, cancel.Token)
                             ?? throw new KeyNotFoundException($"Workflow instance '{instanceId}' was not found.");
                var control = new WorkflowRunControl { StopAfterStep = stop.Token, LeaseOwner = lease.Owner, EndsLeaseWhenFinished = true, StimulusId = stimulusId };
                WorkflowInstanceRecord result;
                try
                {
                    var run = start is not null ? engine.StartAsync(start.Definition, start.Options, control, cancel.Token)
                        : bookmarkId is not null ? engine.ResumeAsync(record!, bookmarkId, payload, control, cancel.Token)
                        : engine.RunAsync(record!, control, cancel.Token);
                    result = await AbandonableAsync(run, lease.GivenUp);
                }
                catch (OperationCanceledException) when (lease.GivenUp.IsCancellationRequested)
                {
                    // Shutdown deadline: the activity cannot be interrupted, so the run is left behind (the process is
                    // about to exit) and the step runs again under the next owner; a late commit of this run is fenced.
                    logger.LogWarning("Abandoned workflow instance {WorkflowInstanceId} at the shutdown deadline; its current step runs again elsewhere", instanceId);
                    return RunOutcome.Skipped(null, "abandoned at the shutdown deadline");
                }
                catch (LeaseLostException)
                {
                    // Paused past the lease (GC, a stalled disk): another node owns the instance now and carries on
                    // from its last commit; this worker's step was not written and it must not run on.
                    logger.LogWarning("Lost the lease of workflow instance {WorkflowInstanceId} to another node; its commit was refused and this run stops", instanceId);
                    return RunOutcome.Skipped(null, "lease lost to another node");
                }
                catch (StimulusConsumedException)
                {
                    logger.LogInformation("Stimulus {StimulusId} for workflow instance {WorkflowInstanceId} was already delivered; this resumption is dropped", stimulusId, instanceId);
                    return RunOutcome.Skipped(null, $"stimulus {stimulusId} was already consumed");
                }
                // The commit that finished the run cleared the lease with it; the lease has nothing left to release.
                if (result is { Status: WorkflowStatus.Finished, LeaseOwner: null })
                    await lease.EndedByCommitAsync();
                if (result is { Status: WorkflowStatus.Running, SubStatus: WorkflowSubStatus.Executing })
                {
                    // Stopped between steps: hand the rest to another worker (or the next start) right away.
                    logger.LogInformation("Workflow instance {WorkflowInstanceId} stopped between steps; dispatching the rest", instanceId);
                    await dispatcher.DispatchRunAsync(instanceId, CancellationToken.None);
                }
                else
                {
                    logger.LogInformation("Workflow instance {WorkflowInstanceId} is {Status}/{SubStatus}", instanceId, result.Status, result.SubStatus);
                }
                return RunOutcome.Ran(result);
            }
        }
    }
}
