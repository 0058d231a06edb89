namespace Workflows.Core.Runtime;

/// <summary>How a host runs one instance: when to stop, which lease fences its commits, which stimulus it consumes.</summary>
public sealed record WorkflowRunControl
{
    /// <summary>When signalled, the run returns after the current step is committed (see <c>WorkflowEngine.RunAsync</c>).</summary>
    public CancellationToken StopAfterStep { get; init; }

    /// <summary>
    /// The lease owner the host holds: every commit of this run is fenced on it, so a worker whose lease was taken
    /// over cannot overwrite the new owner's progress (the commit throws <c>LeaseLostException</c>).
    /// </summary>
    public string? LeaseOwner { get; init; }

    /// <summary>
    /// The commit that finishes the instance also ends the <see cref="LeaseOwner"/>'s lease (nobody holds a finished
    /// instance), so the host need not release it in a write of its own; the host then ends its lease without one.
    /// </summary>
    public bool EndsLeaseWhenFinished { get; init; }

    /// <summary>The queued stimulus this resumption delivers: removed by the resumption's first commit, exactly once.</summary>
    public string? StimulusId { get; init; }
}
