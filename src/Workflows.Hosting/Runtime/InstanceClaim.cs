using Workflows.Core.Persistence;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// What a node holds while it runs an instance: the record it found, the instance lock and the lease.
/// <paramref name="Created"/>: the node created the instance itself, so <paramref name="Record"/> is the row it committed.
/// </summary>
internal sealed record InstanceClaim(WorkflowInstanceRecord Record, IAsyncDisposable Lock, InstanceLease Lease, bool Created = false);
