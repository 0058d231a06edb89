using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Flowcharts;

public sealed class FlowchartRuleTests
{
    private static JsonObject Decision(string id, bool value) => Activity(id, "Elsa.FlowDecision", ("condition", Literal(value)));

    private static JsonObject Join(string id, string mode) => Activity(id, "Elsa.FlowJoin", ("mode", Literal(mode)));

    [Fact]
    public async Task Implicit_join_waits_for_every_inbound_branch()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [WriteLine("a", "a"), WriteLine("b", "b"), WriteLine("c", "c"), WriteLine("d", "d"), WriteLine("joined", "joined")],
            [Connect("a", "b"), Connect("a", "c"), Connect("c", "d"), Connect("b", "joined"), Connect("d", "joined")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(5, test.Lines.Texts.Count);
        Assert.Equal("joined", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Dead_path_skips_successors_of_unfollowed_outcome_and_still_reaches_the_join()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [Decision("if", false), WriteLine("yes", "yes"), WriteLine("yes2", "yes2"), WriteLine("no", "no"), WriteLine("after", "after")],
            [Connect("if", "yes", "True"), Connect("yes", "yes2"), Connect("if", "no", "False"), Connect("yes2", "after"), Connect("no", "after")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["no", "after"], test.Lines.Texts);
    }

    [Fact]
    public async Task Activity_whose_inbound_paths_are_all_dead_does_not_run()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [Decision("if", true), WriteLine("no", "no"), WriteLine("after-no", "after-no"), WriteLine("yes", "yes")],
            [Connect("if", "no", "False"), Connect("no", "after-no"), Connect("if", "yes", "True")]);
        await test.RunAsync(Workflow(root));
        Assert.Equal(["yes"], test.Lines.Texts);
    }

    [Fact]
    public async Task WaitAll_join_runs_once_after_both_branches()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [WriteLine("s", "s"), WriteLine("a", "a"), WriteLine("b1", "b1"), WriteLine("b2", "b2"), Join("j", "WaitAll"), WriteLine("end", "end")],
            [Connect("s", "a"), Connect("s", "b1"), Connect("b1", "b2"), Connect("a", "j"), Connect("b2", "j"), Connect("j", "end")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(["s", "a", "b1", "b2", "end"], test.Lines.Texts);
        Assert.Single(await test.JournalAsync(result.Id), j => j.ActivityId == "j" && j.EventName == "Completed");
    }

    [Fact]
    public async Task WaitAny_join_fires_on_first_arrival_and_cancels_the_slower_branch()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [WriteLine("s", "s"), WriteLine("fast", "fast"), Activity("slow", "Elsa.Delay", ("timeSpan", Literal("00:01:00"))), WriteLine("slow-after", "slow-after"), Join("j", "WaitAny"), WriteLine("end", "end")],
            [Connect("s", "fast"), Connect("s", "slow"), Connect("slow", "slow-after"), Connect("fast", "j"), Connect("slow-after", "j"), Connect("j", "end")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["s", "fast", "end"], test.Lines.Texts);
        Assert.Empty(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = result.Id }, CancellationToken.None));
    }

    [Fact]
    public async Task Backward_connection_loops_until_the_decision_changes()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [
                Activity("start", "Elsa.Start"),
                Activity("inc", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "v1", ["name"] = "N" }), ("value", Expr("JavaScript", "getN() + 1"))),
                Activity("check", "Elsa.FlowDecision", ("condition", Expr("JavaScript", "getN() >= 3"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'n=' + getVariable('N')"))),
                WriteLine("done", "done"),
            ],
            [Connect("start", "inc"), Connect("inc", "say"), Connect("say", "check"), Connect("check", "inc", "False"), Connect("check", "done", "True")]);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("v1", "N", "Int32", 0)]));
        Assert.Equal(["n=1", "n=2", "n=3", "done"], test.Lines.Texts);
        Assert.Equal(3, JsonNode.Parse(result.VariablesJson)!["N"]!.GetValue<int>());
    }

    [Fact]
    public async Task Nested_flowchart_completes_before_its_successor_runs()
    {
        var test = new TestHost();
        var inner = Flowchart("inner", [WriteLine("i1", "inner-1"), WriteLine("i2", "inner-2")], [Connect("i1", "i2")]);
        var root = Flowchart("fc", [WriteLine("before", "before"), inner, WriteLine("after", "after")], [Connect("before", "inner"), Connect("inner", "after")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(["before", "inner-1", "inner-2", "after"], test.Lines.Texts);
        var executions = await test.ExecutionsAsync(result.Id);
        Assert.Contains(executions, e => e.ActivityNodeId == "Workflow1:fc:inner:i2");
    }

    [Fact]
    public async Task End_completes_the_flowchart_and_cancels_other_branches()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [WriteLine("s", "s"), Activity("wait", "Elsa.Delay", ("timeSpan", Literal("01:00:00"))), WriteLine("late", "late"), Activity("end", "Elsa.End")],
            [Connect("s", "wait"), Connect("wait", "late"), Connect("s", "end")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["s"], test.Lines.Texts);
    }

    [Fact]
    public async Task Start_property_selects_the_start_activity()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [WriteLine("first", "first"), WriteLine("second", "second")], []);
        root["start"] = "second";
        await test.RunAsync(Workflow(root));
        Assert.Equal(["second"], test.Lines.Texts);
    }
}
