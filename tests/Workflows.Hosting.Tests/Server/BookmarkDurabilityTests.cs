using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Persistence;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Stimuli;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Resumptions that must not get lost: a stimulus that arrives before its bookmark, a child's completion whose message
/// was lost, and the recovery sweep leaving suspended instances alone. The server's services run in process on SQLite
/// with the in-memory bus, whose dispatcher can lose a message as a crash would.
/// </summary>
public sealed class BookmarkDurabilityTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // A mid-flow endpoint's bookmark payload, one per method (Elsa's HttpEndpointBookmarkPayload).
    private static JsonObject EndpointPayload(string path) => Workflows.Core.Activities.BuiltIn.HttpEndpoint.BookmarkPayload(path, "GET");

    [Fact]
    public async Task A_stimulus_sent_before_the_instance_reaches_its_bookmark_resumes_it_once()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.Chain("signalled",
            ServerWorkflows.SlowStep("first", 1500), ServerWorkflows.HttpEndpoint("wait", "signal"), ServerWorkflows.WriteLine("after", "resumed")));
        var id = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("signalled"), CancellationToken.None);

        var receipt = await server.StimulusSender.SendAsync(new StimulusRequest
        {
            BookmarkName = "Elsa.HttpEndpoint",
            BookmarkPayload = EndpointPayload("signal"),
            WorkflowInstanceId = id,
            Input = new JsonObject { ["body"] = new JsonObject { ["greeting"] = "early" } },
        }, CancellationToken.None);
        // The instance was still inside its first step: no bookmark matched, so the stimulus was queued.
        Assert.Null(receipt.WorkflowInstanceId);
        Assert.NotNull(await server.Stimuli.FindAsync(receipt.StimulusId, CancellationToken.None));

        var finished = await server.WaitAsync(id, i => i.Status == WorkflowStatus.Finished, Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        var journal = await server.JournalAsync(id);
        Assert.Single(journal, r => r.EventName == "Resumed" && r.ActivityId == "wait");
        Assert.Single(journal, r => r.EventName == "Completed" && r.ActivityId == "after");
        // Consumed by the resumption's commit; redelivery has nothing left to send.
        Assert.Null(await server.Stimuli.FindAsync(receipt.StimulusId, CancellationToken.None));
    }

    [Fact]
    public async Task A_stimulus_is_delivered_to_one_bookmark_only_and_a_second_one_waits_for_the_next_bookmark()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.Chain("waiter", ServerWorkflows.HttpEndpoint("wait", "shared")));
        var first = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("waiter"), CancellationToken.None);
        await server.WaitAsync(first, i => i.SubStatus == WorkflowSubStatus.Suspended, Timeout);

        var request = new StimulusRequest { BookmarkName = "Elsa.HttpEndpoint", BookmarkPayload = EndpointPayload("shared") };
        var one = await server.StimulusSender.SendAsync(request, CancellationToken.None);
        var two = await server.StimulusSender.SendAsync(request, CancellationToken.None);
        Assert.Equal(first, one.WorkflowInstanceId);

        await server.WaitAsync(first, i => i.Status == WorkflowStatus.Finished, Timeout);
        // The second stimulus found the bookmark already taken: it waits for the next instance to suspend there.
        var second = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("waiter"), CancellationToken.None);
        await server.WaitAsync(second, i => i.Status == WorkflowStatus.Finished, Timeout);
        Assert.Single(await server.JournalAsync(first), r => r.EventName == "Resumed");
        Assert.Single(await server.JournalAsync(second), r => r.EventName == "Resumed");
        Assert.Null(await server.Stimuli.FindAsync(one.StimulusId, CancellationToken.None));
        Assert.Null(await server.Stimuli.FindAsync(two.StimulusId, CancellationToken.None));
    }

    [Fact]
    public async Task A_parent_whose_childs_completion_message_was_lost_is_resumed_by_the_recovery_sweep()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.Chain("child", ServerWorkflows.SlowStep("work", 200)));
        await server.PublishAsync(ServerWorkflows.Chain("parent", ServerWorkflows.DispatchAndWait("call", "child"), ServerWorkflows.WriteLine("after", "child done")));
        server.Dispatcher.LoseNextResume(payload => payload?["childInstanceId"] is not null);

        var parent = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("parent"), CancellationToken.None);

        var finished = await server.WaitAsync(parent, i => i.Status == WorkflowStatus.Finished, Timeout);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        // The child's own completion message was lost; the resumption that arrived was the sweep's, at the same bookmark.
        var lost = Assert.Single(server.Dispatcher.Lost);
        Assert.Equal(parent, lost.InstanceId);
        Assert.Contains(lost, server.Dispatcher.Resumes);
        var journal = await server.JournalAsync(parent);
        Assert.Single(journal, r => r.EventName == "Resumed" && r.ActivityId == "call");
        Assert.Single(journal, r => r.EventName == "Completed" && r.ActivityId == "after");
    }

    [Fact]
    public async Task The_recovery_sweep_re_dispatches_forgotten_pending_instances_but_never_suspended_ones_with_an_expired_lease()
    {
        await using var server = await InProcessServer.StartAsync(Lease);
        await server.PublishAsync(ServerWorkflows.Chain("parked", ServerWorkflows.HttpEndpoint("wait", "never")));
        await server.PublishAsync(ServerWorkflows.Chain("quick", ServerWorkflows.WriteLine("hello", "hi")));
        var suspended = await server.Starter.StartAsync(WorkflowStartRequest.ForDefinition("parked"), CancellationToken.None);
        // Suspended is committed before the runner releases its lease: wait for the release too (under load it lags).
        await server.WaitAsync(suspended, i => i.SubStatus == WorkflowSubStatus.Suspended && i.LeaseOwner is null, Timeout);
        // How its start reached the runner (the bus, or at once on this node) is not the point: the sweep adds nothing.
        var startDispatches = server.Dispatcher.Runs.Count(id => id == suspended);
        // Running with a lease that a dead node let expire: matches "lease expired", yet nothing is to be run.
        var now = DateTimeOffset.UtcNow;
        Assert.True(await server.Instances.TryAcquireLeaseAsync(suspended, "dead-node", now.AddSeconds(-10), now, CancellationToken.None));
        // Committed but never dispatched (its message lost): the sweep must find this one.
        var forgotten = await server.Services.GetRequiredService<WorkflowStarter>().CreateAsync(WorkflowStartRequest.ForDefinition("quick"), CancellationToken.None);

        await server.WaitAsync(forgotten.Id, i => i.Status == WorkflowStatus.Finished, Timeout);
        // A few more sweeps (one per third of a lease) after the one that found the pending instance.
        await Task.Delay(Lease);

        Assert.Contains(forgotten.Id, server.Dispatcher.Runs);
        Assert.Equal(startDispatches, server.Dispatcher.Runs.Count(id => id == suspended));
        var parked = await server.Instances.FindAsync(suspended, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, parked!.SubStatus);
        Assert.DoesNotContain(await server.JournalAsync(suspended), r => r.EventName == "WorkflowStarted" && r.Sequence > 0);
    }
}
