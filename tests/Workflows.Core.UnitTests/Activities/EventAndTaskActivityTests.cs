using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>Event / PublishEvent, RunTask, StartAt and ReadLine from tests/fixtures/elsa-activities.</summary>
public sealed class EventAndTaskActivityTests
{
    [Fact]
    public async Task A_local_PublishEvent_resumes_the_Event_waiting_in_the_same_instance_with_its_payload()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("event-local.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["publishing", "approved by ada"], test.Lines.Texts);
        var journal = await test.JournalAsync(result.Id);
        Assert.Contains(journal, r => r.ActivityType == "Elsa.Event" && r.EventName == "Suspended" && r.Message == "Elsa.Event");
        Assert.Empty(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = result.Id }, CancellationToken.None));
    }

    [Fact]
    public async Task A_global_PublishEvent_resumes_only_the_instances_with_its_correlation_id()
    {
        var test = new TestHost();
        var waiter = await test.RunAsync(ActivityFixtures.Read("event-waiter.json"));
        Assert.Equal(WorkflowSubStatus.Suspended, waiter.SubStatus);
        Assert.Equal("release-7", waiter.CorrelationId);
        var bookmark = Assert.Single(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = waiter.Id }, CancellationToken.None));
        Assert.Equal("Elsa.Event", bookmark.Name);

        var publisher = await test.ImportAsync(ActivityFixtures.Read("event-publisher.json"));
        // Another correlation id: nothing resumes.
        await test.Host.Runner.RunAsync(publisher, new WorkflowStartOptions { Input = new JsonObject { ["Event"] = "deployed", ["Correlation"] = "release-8" } }, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, (await test.Host.Instances.FindAsync(waiter.Id, CancellationToken.None))!.SubStatus);

        await test.Host.Runner.RunAsync(publisher, new WorkflowStartOptions { Input = new JsonObject { ["Event"] = "deployed", ["Correlation"] = "release-7" } }, CancellationToken.None);
        var resumed = (await test.Host.Instances.FindAsync(waiter.Id, CancellationToken.None))!;
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Equal(["deployed v7"], test.Lines.Texts);
    }

    [Fact]
    public async Task A_global_PublishEvent_starts_the_published_workflows_its_Event_triggers_with_the_payload_and_correlation_id()
    {
        var test = new TestHost();
        var triggered = await test.ImportAsync(ActivityFixtures.Read("event-triggered.json"));
        var publisher = await test.ImportAsync(ActivityFixtures.Read("event-publisher.json"));
        // Another event name: the trigger does not fire.
        await test.Host.Runner.RunAsync(publisher, new WorkflowStartOptions { Input = new JsonObject { ["Event"] = "deployed", ["Correlation"] = "release-7" } }, CancellationToken.None);
        Assert.Equal(0, await test.Host.Instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = triggered.DefinitionId }, CancellationToken.None));

        await test.Host.Runner.RunAsync(publisher, new WorkflowStartOptions { Input = new JsonObject { ["Event"] = "released", ["Correlation"] = "release-7" } }, CancellationToken.None);
        var started = Assert.Single((await test.Host.Instances.ListAsync(new WorkflowInstanceFilter { DefinitionId = triggered.DefinitionId },
            PageArgs.All, CancellationToken.None)).Items);
        Assert.Equal(WorkflowSubStatus.Finished, started.SubStatus);
        Assert.Equal("release-7", started.CorrelationId);
        Assert.Equal(["released v7 for release-7"], test.Lines.Texts);
        // Nothing of it waits: the trigger completed at once, leaving no bookmark.
        Assert.Empty(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = started.Id }, CancellationToken.None));
    }

    [Fact]
    public async Task RunTask_requests_the_task_in_the_journal_and_waits_until_it_is_completed()
    {
        var test = new TestHost();
        var waiting = await test.RunAsync(ActivityFixtures.Read("run-task.json"));
        Assert.Equal(WorkflowSubStatus.Suspended, waiting.SubStatus);
        var request = (await test.JournalAsync(waiting.Id)).Single(r => r.EventName == "RunTaskRequested");
        var payload = JsonNode.Parse(request.PayloadJson!)!;
        Assert.Equal("ApproveRelease", payload["taskName"]!.GetValue<string>());
        Assert.Equal("7", payload["payload"]!["release"]!.GetValue<string>());

        var completion = new TaskCompletion(test.Host.Instances, test.Host.Dispatcher);
        Assert.False(await completion.CompleteAsync("no-such-task", "x", CancellationToken.None));
        Assert.True(await completion.CompleteAsync(payload["taskId"]!.GetValue<string>(), "yes", CancellationToken.None));
        var finished = await test.Host.Runner.RunToEndAsync(waiting.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["task said yes"], test.Lines.Texts);
    }

    [Fact]
    public async Task StartAt_waits_for_a_future_moment_and_passes_a_past_one()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var result = await test.RunAsync(ActivityFixtures.Read("start-at.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal([DateTimeOffset.Parse("2025-01-01T06:00:00+00:00")], clock.Waits);
        Assert.Equal(["woke"], test.Lines.Texts);
    }

    [Fact]
    public async Task ReadLine_reads_the_hosts_standard_input_into_its_result()
    {
        var lines = new CollectingWriteLineSink();
        var services = new ServiceCollection().AddSingleton<TextReader>(new StringReader("ada\nbob\n")).BuildServiceProvider();
        var host = new InProcessWorkflowHost(lines: lines, services: services);
        var definition = await host.DefinitionService.ImportAsync(ActivityFixtures.Read("read-line.json"), "read-line.json", CancellationToken.None);
        var result = await host.Runner.RunAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["hello ada"], lines.Texts);
        Assert.Equal("ada", JsonNode.Parse(result.VariablesJson)!["Name"]!.GetValue<string>());
    }
}
