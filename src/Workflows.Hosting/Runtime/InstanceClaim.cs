using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// What a node holds while it runs an instance: the instance lock, the lease, and either the record it found or, for
/// an instance it starts itself, <paramref name="New"/>: what the run creates with its first commit.
/// <paramref name="RecordIsCurrent"/>: the record is the row as this node wrote it, or read it in the statement that took
/// its free lease, under the lock and lease it holds; so the run need not read it again even though it names a lease
/// owner (this node).
/// </summary>
internal sealed record InstanceClaim(WorkflowInstanceRecord? Record, IAsyncDisposable Lock, InstanceLease Lease, NewInstance? New = null,
    bool RecordIsCurrent = false);

/// <summary>An instance a node starts and runs at once: the version and the start options (its lease included).</summary>
internal sealed record NewInstance(StoredWorkflowDefinition Definition, WorkflowStartOptions Options);
