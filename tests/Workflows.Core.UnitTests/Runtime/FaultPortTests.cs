using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>Fails its first <see cref="FailTimes"/> attempts; a "permanent" message is not retriable. Declares the fault port.</summary>
[Activity("Test", "Guarded", Category = "Test")]
[FlowPort("Done")]
[FlowPort(FaultPort.Name)]
public sealed class Guarded : Activity
{
    [Input]
    public int FailTimes { get; set; }

    [Input]
    public string? Message { get; set; }

    [Output]
    public string? Error { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Attempt <= FailTimes)
            throw new InvalidOperationException($"{Message} attempt {context.Attempt}");
        context.Complete();
        return ValueTask.CompletedTask;
    }

    public override bool IsRetriable(Exception exception) => !exception.Message.StartsWith("permanent", StringComparison.Ordinal);

    public override ValueTask OnFaultedAsync(ActivityContext context, Exception exception)
    {
        context.SetWorkflowOutput("Noted", exception.Message);
        return ValueTask.CompletedTask;
    }
}

public sealed class FaultPortTests
{
    private static ActivityRegistry Registry() => ActivityRegistry.CreateWithBuiltIns().Register<Guarded>();

    private static JsonObject GuardedNode(int failTimes, string message, int maxAttempts = 3) =>
        Activity("guarded", "Test.Guarded", ("failTimes", Literal(failTimes)), ("message", Literal(message)), ("error", Bind("why")),
            ("customProperties", new JsonObject { ["retryPolicy"] = new JsonObject { ["maxAttempts"] = maxAttempts, ["delay"] = "00:00:01", ["jitter"] = false } }));

    private static string TeardownFlow(JsonObject guarded) => Workflow(
        Flowchart("fc", [guarded, WriteLine("next", "next"), Activity("teardown", "Elsa.WriteLine", ("text", Expr("JavaScript", "'teardown: ' + getVariable('why')")))],
            [Connect("guarded", "next"), Connect("guarded", "teardown", FaultPort.Name)]),
        variables: [Variable("why", "why", "String", null)],
        outputs: [new JsonObject { ["name"] = "Noted", ["type"] = "String" }]);

    [Fact]
    public async Task A_connected_fault_port_is_followed_after_the_retries_with_an_incident_and_the_instance_ends_Faulted()
    {
        var test = new TestHost(Registry(), new FastForwardClock());
        var result = await test.RunAsync(TeardownFlow(GuardedNode(failTimes: 9, message: "flaky")));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Equal(1, result.IncidentCount);
        Assert.Contains("flaky attempt 3", result.IncidentsJson);
        Assert.Equal(["teardown: flaky attempt 3"], test.Lines.Texts);
        Assert.Equal(2, (await test.JournalAsync(result.Id)).Count(j => j.EventName == "Retrying"));
        Assert.Contains("\"flaky attempt 3\"", result.OutputJson);
    }

    [Fact]
    public async Task An_error_the_activity_calls_permanent_is_not_retried()
    {
        var test = new TestHost(Registry(), new FastForwardClock());
        var result = await test.RunAsync(TeardownFlow(GuardedNode(failTimes: 9, message: "permanent")));
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.DoesNotContain(await test.JournalAsync(result.Id), j => j.EventName == "Retrying");
        Assert.Equal(["teardown: permanent attempt 1"], test.Lines.Texts);
    }

    [Fact]
    public async Task A_transient_error_within_the_policy_takes_the_normal_path()
    {
        var test = new TestHost(Registry(), new FastForwardClock());
        var result = await test.RunAsync(TeardownFlow(GuardedNode(failTimes: 1, message: "flaky")));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(0, result.IncidentCount);
        Assert.Equal(["next"], test.Lines.Texts);
    }

    [Fact]
    public async Task An_unconnected_fault_port_faults_the_workflow_as_before()
    {
        var test = new TestHost(Registry(), new FastForwardClock());
        var result = await test.RunAsync(Workflow(Flowchart("fc", [GuardedNode(failTimes: 9, message: "permanent"), WriteLine("next", "next")], [Connect("guarded", "next")])));
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Equal(1, result.IncidentCount);
        Assert.Empty(test.Lines.Texts);
    }
}
