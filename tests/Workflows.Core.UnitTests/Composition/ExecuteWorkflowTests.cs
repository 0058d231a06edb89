using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Composition;

/// <summary>
/// <c>Elsa.ExecuteWorkflow</c> and <c>Elsa.DispatchWorkflow</c> with WaitForCompletion: each starts a child instance,
/// suspends on a bookmark until it finishes and gets the child's output as Result.
/// </summary>
public sealed class ExecuteWorkflowTests
{
    [Fact]
    public async Task ExecuteWorkflow_and_DispatchWorkflow_wait_for_their_children_and_return_the_childrens_output()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var imported = await WorkflowActivityFiles.ImportAsync(test, "execute-parent.json", "echo-child.json");

        var result = await test.Host.Runner.RunAsync(imported["execute-parent.json"], new Workflows.Core.Runtime.WorkflowStartOptions(), CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["echo from execute / echo from dispatch"], test.Lines.Texts);
        var children = (await test.Host.Instances.ListAsync(new WorkflowInstanceFilter(), PageArgs.All, CancellationToken.None)).Items
            .Where(i => i.ParentInstanceId == result.Id).ToList();
        Assert.Equal(2, children.Count);
        Assert.All(children, c => Assert.Equal(WorkflowSubStatus.Finished, c.SubStatus));
        Assert.Contains(children, c => c.CorrelationId == "corr-execute");
        Assert.Equal(2, clock.Waits.Count);

        var journal = await test.JournalAsync(result.Id);
        Assert.Contains(journal, r => r.ActivityId == "Run1" && r.EventName == "Suspended" && r.Message == "Elsa.DispatchWorkflow");
        Assert.Contains(journal, r => r.ActivityId == "Dispatch1" && r.EventName == "Suspended");
        var executions = await test.ExecutionsAsync(result.Id);
        var run = Assert.Single(executions, e => e.ActivityId == "Run1");
        Assert.Equal("{\"Echo\":\"echo from execute\"}", JsonNode.Parse(run.OutputsJson!)!["Result"]!.ToJsonString());
    }
}
