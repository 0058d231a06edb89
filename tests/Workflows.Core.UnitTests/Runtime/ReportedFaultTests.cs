using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>Reports a handled fault (as a test step whose tests failed) and still takes its Failed outcome.</summary>
[Activity("Test", "FailingCheck", Category = "Test")]
[FlowPort("Passed")]
[FlowPort("Failed")]
public sealed class FailingCheck : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.ReportFault("check: 1/2 tests failed", "schema: expected 2, got 1");
        context.Complete("Failed");
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// <see cref="ActivityContext.ReportFault"/>: the flow goes on along the outcome (its teardown runs), the activity's
/// incident and Faulted execution record say why, and the instance ends Finished/Faulted; a parent waiting for such a
/// child gets its output and ends Faulted too, rather than breaking.
/// </summary>
public sealed class ReportedFaultTests
{
    private static ActivityRegistry Registry() => ActivityRegistry.CreateWithBuiltIns().Register<FailingCheck>();

    [Fact]
    public async Task A_reported_fault_lets_the_flow_finish_and_ends_the_instance_faulted_with_an_incident()
    {
        var test = new TestHost(Registry());
        var root = Flowchart("fc", [Activity("check", "Test.FailingCheck"), WriteLine("teardown", "teardown ran"), WriteLine("next", "not on the fail path")],
            [Connect("check", "teardown", "Failed"), Connect("check", "next", "Passed")]);
        var result = await test.RunAsync(Workflow(root));

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Equal(["teardown ran"], test.Lines.Texts);
        Assert.Equal(1, result.IncidentCount);
        Assert.Contains("check: 1/2 tests failed", result.IncidentsJson);
        Assert.Contains("\"activityId\":\"check\"", result.IncidentsJson.Replace(" ", ""));
        var check = Assert.Single(await test.ExecutionsAsync(result.Id), e => e.ActivityId == "check");
        Assert.Equal("Faulted", check.Status);
        Assert.Contains("Failed", check.OutcomesJson);
        Assert.Contains("schema: expected 2, got 1", check.Exception);
    }

    [Fact]
    public async Task A_parent_waiting_for_a_child_that_reported_a_fault_gets_its_output_and_ends_faulted()
    {
        var test = new TestHost(Registry());
        var child = Workflow(Flowchart("c",
            [Activity("check", "Test.FailingCheck"), Activity("out", "Elsa.SetOutput", ("outputName", Literal("Result")), ("outputValue", Literal("fail")))],
            [Connect("check", "out", "Failed")]), definitionId: "child");
        await test.ImportAsync(child, "child.json");
        var parent = Flowchart("p",
            [
                Activity("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("child")), ("waitForCompletion", Literal(true)), ("result", Bind("res"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'child said ' + getRes().Result"))),
            ],
            [Connect("dispatch", "say")]);
        var result = await test.RunAsync(Workflow(parent, variables: [Variable("res", "Res", "Object", null)]));

        Assert.Equal(["child said fail"], test.Lines.Texts);
        Assert.Equal(WorkflowSubStatus.Faulted, result.SubStatus);
        Assert.Contains("ended Faulted", result.IncidentsJson);
        var children = await test.Host.Instances.ListAsync(new WorkflowInstanceFilter { ParentInstanceId = result.Id }, PageArgs.All, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Faulted, Assert.Single(children.Items).SubStatus);
    }
}
