using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Dispatch;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// With the in-memory bus (one node), a dispatched start runs on the node at once (<see cref="LocalDispatch"/>): the row
/// exists when the start returns, the bus carries nothing, and the run is the same as a bus-delivered one. When every
/// worker slot is taken the start goes through the bus and waits there for a slot, as before.
/// </summary>
public sealed class LocalDispatchTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_start_runs_on_this_node_without_a_bus_message_and_its_row_exists_when_the_start_returns()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.SlowSteps("slow", count: 3, milliseconds: 200));

        var id = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("slow"), CancellationToken.None);

        var created = await server.Instances.FindAsync(id, CancellationToken.None);
        Assert.NotNull(created);
        Assert.Equal("in-process", created.LeaseOwner);
        var finished = await server.WaitAsync(id, i => i.Status == WorkflowStatus.Finished, Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Null(finished.LeaseOwner);
        Assert.DoesNotContain(id, server.Dispatcher.Runs);
        Assert.Single(await server.JournalAsync(id), r => r.EventName == "WorkflowStarted");
    }

    [Fact]
    public async Task A_start_while_every_worker_slot_is_taken_goes_through_the_bus_and_runs_when_one_is_free()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.SlowSteps("slow", count: 1, milliseconds: 10));
        var slots = server.Services.GetRequiredService<WorkerSlots>();
        var concurrency = server.Services.GetRequiredService<WorkflowServerOptions>().WorkerConcurrency;
        var taken = new List<IDisposable>();
        for (var i = 0; i < concurrency; i++)
            taken.Add(await slots.TakeAsync(CancellationToken.None));

        var id = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("slow"), CancellationToken.None);
        await Task.Delay(500);
        var waiting = await server.Instances.FindAsync(id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Pending, waiting!.SubStatus);
        Assert.Null(waiting.LeaseOwner);
        Assert.Contains(id, server.Dispatcher.Runs);

        taken.ForEach(slot => slot.Dispose());
        await server.WaitAsync(id, i => i.Status == WorkflowStatus.Finished, Timeout);
    }

    [Fact]
    public async Task A_start_with_a_taken_id_is_refused_and_runs_nothing_more()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.SlowSteps("slow", count: 1, milliseconds: 10));
        var request = WorkflowStartRequest.ForDefinition("slow") with { InstanceId = "taken-id" };
        await server.Starter.StartAsync(request, CancellationToken.None);
        await server.WaitAsync("taken-id", i => i.Status == WorkflowStatus.Finished, Timeout);

        await Assert.ThrowsAsync<WorkflowInstanceExistsException>(() => server.Starter.StartAsync(request, CancellationToken.None));
        Assert.Single(await server.JournalAsync("taken-id"), r => r.EventName == "WorkflowStarted");
    }
}
