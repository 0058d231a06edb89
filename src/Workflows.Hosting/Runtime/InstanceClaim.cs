using Workflows.Core.Persistence;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// What a node holds while it runs an instance: the record it found, the instance lock and the lease.
/// <paramref name="Created"/>: the node created the instance itself, so <paramref name="Record"/> is the row it committed.
/// <paramref name="Current"/>: nobody can have committed since <paramref name="Record"/> was read, so the run starts
/// from it instead of reading the row again.
/// </summary>
internal sealed record InstanceClaim(WorkflowInstanceRecord Record, IAsyncDisposable Lock, InstanceLease Lease, bool Created = false, bool Current = false);
