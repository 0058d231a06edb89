using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>Suspends on a timer once, then on resume writes the inputs it sees (as AcquireAppLock re-reads its RunId).</summary>
[Activity("Test", "WaitThenSay", Category = "Test")]
public sealed class WaitThenSay : Activity
{
    [Input]
    public string? Text { get; set; }

    [Input]
    public int Count { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.CreateBookmark("Test.Wait", null, context.Clock.UtcNow + TimeSpan.FromSeconds(5));
        return ValueTask.CompletedTask;
    }

    public override async ValueTask ResumeAsync(ActivityContext context, JsonNode? payload)
    {
        await context.Lines.WriteLineAsync(context.WorkflowInstanceId, context.Node.Id, $"{Text}/{Count}", context.CancellationToken);
        context.Complete();
    }
}

public sealed class ResumedInputsTests
{
    [Fact]
    public async Task An_activity_resumed_by_another_engine_gets_the_inputs_its_execution_bound()
    {
        var clock = new FastForwardClock();
        var first = new TestHost(ActivityRegistry.CreateWithBuiltIns().Register<WaitThenSay>(), clock);
        var json = Workflow(Flowchart("fc",
            [
                Activity("wait", "Test.WaitThenSay", ("text", Expr("JavaScript", "getInput('RunId') || ''")), ("count", Expr("JavaScript", "getN() + 1"))),
                Activity("bump", "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = "N" }), ("value", Literal(40))),
            ],
            [Connect("wait", "bump")]), variables: [Variable("n", "N", "Int32", 1)]);
        var definition = await first.ImportAsync(json);
        var instance = await first.Host.Engine.CreateInstanceAsync(definition,
            new WorkflowStartOptions { Input = new JsonObject { ["RunId"] = "run-42" } }, CancellationToken.None);
        var suspended = await first.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, suspended.SubStatus);

        // A second engine (as after a restart, on another node) with a fresh registry resumes the timer.
        var lines = new CollectingWriteLineSink();
        var engine = new WorkflowEngine(ActivityRegistry.CreateWithBuiltIns().Register<WaitThenSay>(), first.Host.Definitions, first.Host.Instances,
            first.Host.Instances, new WorkflowEngineServices { Clock = clock, Lines = lines });
        var bookmark = (await first.Host.Instances.FindEarliestTimerAsync(instance.Id, CancellationToken.None))!;
        var finished = await engine.ResumeAsync(instance.Id, bookmark.Id, null, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(["run-42/2"], lines.Texts);
    }
}
