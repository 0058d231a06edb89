using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

[Activity("Test", "Flaky", Category = "Test")]
public sealed class Flaky : Activity
{
    [Input]
    public int FailTimes { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Attempt <= FailTimes)
            throw new InvalidOperationException($"flaky attempt {context.Attempt}");
        context.Complete();
        return ValueTask.CompletedTask;
    }
}

[Activity("Test", "WaitForCancel", Category = "Test")]
public sealed class WaitForCancel : Activity
{
    public override async ValueTask ExecuteAsync(ActivityContext context) =>
        await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
}

public sealed class IncidentAndDurabilityTests
{
    private static ActivityRegistry Registry() => ActivityRegistry.CreateWithBuiltIns().Register<Flaky>().Register<WaitForCancel>();

    private static JsonObject FlakyNode(int failTimes, int maxAttempts, string? strategy = null)
    {
        var custom = new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = maxAttempts, ["delay"] = "00:00:02", ["backoffFactor"] = 2, ["jitter"] = false } };
        if (strategy is not null)
            custom["incidentStrategy"] = strategy;
        return Activity("flaky", "Test.Flaky", ("failTimes", Literal(failTimes)), ("customProperties", custom));
    }

    [Fact]
    public async Task Fault_activity_faults_the_workflow_with_an_incident()
    {
        var test = new TestHost();
        var result = await test.RunAsync(Workflow(Flowchart("fc", [WriteLine("s", "s"), Activity("f", "Elsa.Fault", ("message", Literal("boom"))), WriteLine("after", "after")],
            [Connect("s", "f"), Connect("f", "after")])));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Equal(1, result.IncidentCount);
        Assert.Equal("boom", JsonNode.Parse(result.IncidentsJson)![0]!["message"]!.GetValue<string>());
        Assert.Equal(["s"], test.Lines.Texts);
    }

    [Fact]
    public async Task Retry_policy_retries_with_exponential_backoff_then_succeeds()
    {
        var clock = new FastForwardClock();
        var start = clock.UtcNow;
        var test = new TestHost(Registry(), clock);
        var result = await test.RunAsync(Workflow(Flowchart("fc", [FlakyNode(failTimes: 2, maxAttempts: 3), WriteLine("after", "after")], [Connect("flaky", "after")])));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(0, result.IncidentCount);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6)], clock.Waits.Select(w => w - start));
        Assert.Equal(2, (await test.JournalAsync(result.Id)).Count(j => j.EventName == "Retrying"));
        Assert.Equal(["after"], test.Lines.Texts);
    }

    [Fact]
    public async Task Exhausted_retries_become_an_incident_and_fault_the_workflow()
    {
        var test = new TestHost(Registry());
        var result = await test.RunAsync(Workflow(Flowchart("fc", [FlakyNode(failTimes: 5, maxAttempts: 2), WriteLine("after", "after")], [Connect("flaky", "after")])));
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Equal(1, result.IncidentCount);
        Assert.Contains("flaky attempt 2", result.IncidentsJson);
        Assert.Empty(test.Lines.Texts);
    }

    [Fact]
    public async Task Continue_strategy_stops_the_faulted_branch_but_runs_the_others()
    {
        var test = new TestHost(Registry());
        var root = Flowchart("fc", [WriteLine("s", "s"), FlakyNode(failTimes: 9, maxAttempts: 1, strategy: "Continue"), WriteLine("after-flaky", "after-flaky"), WriteLine("other", "other")],
            [Connect("s", "flaky"), Connect("flaky", "after-flaky"), Connect("s", "other")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(1, result.IncidentCount);
        Assert.Equal(["s", "other"], test.Lines.Texts);
    }

    [Fact]
    public async Task Cancellation_reaches_the_running_activity_and_cancels_the_instance()
    {
        var test = new TestHost(Registry());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var result = await test.RunAsync(Workflow(Flowchart("fc", [Activity("w", "Test.WaitForCancel"), WriteLine("after", "after")], [Connect("w", "after")])), cancellationToken: cts.Token);
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Cancelled, result.SubStatus);
        Assert.Contains(await test.ExecutionsAsync(result.Id), e => e.ActivityId == "w" && e.Status == "Cancelled");
        Assert.Empty(test.Lines.Texts);
    }

    [Fact]
    public async Task Instance_is_committed_before_it_runs_and_after_every_completed_step()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [WriteLine("a", "a"), WriteLine("b", "b"), WriteLine("c", "c")], [Connect("a", "b"), Connect("b", "c")])));
        var instance = await test.Host.Engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var stored = await test.Host.Instances.FindAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Pending, stored!.SubStatus);
        var commitsBefore = test.Host.Instances.CommitCount;
        await test.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        // A commit after each of the three activities (the last one's is the final one). The flowchart's start completes
        // no activity: what it scheduled rides on the first step's commit.
        Assert.Equal(3, test.Host.Instances.CommitCount - commitsBefore);
        var state = JsonNode.Parse((await test.Host.Instances.FindAsync(instance.Id, CancellationToken.None))!.ExecutionStateJson)!;
        Assert.Empty(state["activities"]!.AsObject());
        Assert.True(state["rootCompleted"]!.GetValue<bool>());
        Assert.Equal(3, (await test.ExecutionsAsync(instance.Id)).Count(e => e.Status == "Completed" && e.ActivityType == "Elsa.WriteLine"));
    }

    [Fact]
    public async Task With_commit_before_execute_one_commit_records_a_step_done_and_the_next_one_started()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [WriteLine("a", "a"), WriteLine("b", "b"), WriteLine("c", "c")], [Connect("a", "b"), Connect("b", "c")])));
        var lines = new CollectingWriteLineSink();
        // As a server runs it: a commit before every step with side effects, so a crash inside it shows as "Attempt 2".
        var engine = new WorkflowEngine(ActivityRegistry.CreateWithBuiltIns(), test.Host.Definitions, test.Host.Instances, test.Host.Instances,
            new WorkflowEngineServices { Lines = lines, CommitBeforeExecute = true });
        var instance = await engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var commitsBefore = test.Host.Instances.CommitCount;
        var result = await engine.RunAsync(instance.Id, CancellationToken.None);
        // One commit before each of a, b and c (each also carries what the step before it left: the flowchart's start,
        // a's and b's completions) and the final one: four, where a commit after each step as well made seven.
        Assert.Equal(4, test.Host.Instances.CommitCount - commitsBefore);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["a", "b", "c"], lines.Texts);
        var journal = await test.JournalAsync(instance.Id);
        Assert.Equal(["a", "b", "c"], journal.Where(r => r.EventName == "Completed" && r.ActivityType == "Elsa.WriteLine").Select(r => r.ActivityId));
        Assert.Equal(3, (await test.ExecutionsAsync(instance.Id)).Count(e => e.Status == "Completed" && e.ActivityType == "Elsa.WriteLine"));
    }

    [Fact]
    public async Task Suspended_instance_resumes_from_persisted_state_in_a_new_engine()
    {
        var clock = new FastForwardClock();
        var first = new TestHost(clock: clock);
        var json = Workflow(Flowchart("fc",
            [
                Activity("start", "Elsa.Start"),
                Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = "N" }), ("value", Literal(7))),
                Activity("d", "Elsa.Delay", ("timeSpan", Literal("00:00:05"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'n=' + getN()"))),
            ],
            [Connect("start", "set"), Connect("set", "d"), Connect("d", "say")]), variables: [Variable("n", "N", "Int32", 0)]);
        var definition = await first.ImportAsync(json);
        var instance = await first.Host.Engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var suspended = await first.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, suspended.SubStatus);

        // A second engine (as after a restart) over the same stores, with its own registry and line sink.
        var lines = new CollectingWriteLineSink();
        var engine = new WorkflowEngine(ActivityRegistry.CreateWithBuiltIns(), first.Host.Definitions, first.Host.Instances, first.Host.Instances,
            new WorkflowEngineServices { Clock = clock, Lines = lines });
        var bookmark = (await first.Host.Instances.FindEarliestTimerAsync(instance.Id, CancellationToken.None))!;
        var finished = await engine.ResumeAsync(instance.Id, bookmark.Id, null, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["n=7"], lines.Texts);
        Assert.Empty(first.Lines.Texts);
    }

    [Fact]
    public async Task Crashed_run_continues_from_the_last_committed_step()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [WriteLine("a", "a"), WriteLine("b", "b")], [Connect("a", "b")])));
        var instance = await test.Host.Engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        // Nothing ran yet: a new engine picks the Pending row up and runs it to the end.
        var engine = new WorkflowEngine(ActivityRegistry.CreateWithBuiltIns(), test.Host.Definitions, test.Host.Instances, test.Host.Instances,
            new WorkflowEngineServices { Clock = test.Clock, Lines = test.Lines });
        var finished = await engine.RunAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["a", "b"], test.Lines.Texts);
    }

    [Fact]
    public async Task JavaScript_is_sandboxed_against_endless_loops_and_clr_access()
    {
        var test = new TestHost();
        var loop = await test.RunAsync(Workflow(Flowchart("fc", [Activity("w", "Elsa.WriteLine", ("text", Expr("JavaScript", "while(true){}")))], [])));
        Assert.Equal(WorkflowSubStatus.Faulted, loop.SubStatus);
        var clr = await test.RunAsync(Workflow(Flowchart("fc", [Activity("w", "Elsa.WriteLine", ("text", Expr("JavaScript", "System.IO.File.ReadAllText('/etc/passwd')")))], [])));
        Assert.Equal(WorkflowSubStatus.Faulted, clr.SubStatus);
        Assert.Contains("System is not defined", clr.IncidentsJson);
    }
}
