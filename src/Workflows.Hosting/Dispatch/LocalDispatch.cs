using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// Whether an instance started on this node may run here at once instead of going round the bus. With the in-memory
/// bus there is no other node: the message would come back to this one, whose consumer would then take the instance
/// lock, read the row it was just sent and write its lease. Run here, the row is created with this node's lease in it
/// and runs from the record just written. With RabbitMQ the bus is what spreads the work over the nodes, so it stays;
/// a node that is stopping, or whose worker slots are all taken (or awaited by queued work), uses the bus as well.
/// </summary>
public sealed class LocalDispatch(BusOptions bus, WorkerSlots slots, ServerShutdown shutdown)
{
    /// <summary>A worker slot for a run on this node, or null when the start goes through the bus.</summary>
    public IDisposable? TryTakeSlot() =>
        bus.Transport == BusTransport.InMemory && !shutdown.IsStopping ? slots.TryTake() : null;
}
