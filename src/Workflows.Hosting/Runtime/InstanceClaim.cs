using Workflows.Core.Persistence;
using Workflows.Hosting.Leases;

namespace Workflows.Hosting.Runtime;

/// <summary>What a node holds while it runs an instance: the record it found, the instance lock and the lease.</summary>
internal sealed record InstanceClaim(WorkflowInstanceRecord Record, IAsyncDisposable Lock, InstanceLease Lease);
