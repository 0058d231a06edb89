using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Activities;

public sealed class BuiltInActivityTests
{
    [Fact]
    public async Task SetVariable_with_literal_converts_to_the_variable_type()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "x", ["name"] = "Flag" }), ("value", Literal("True")))], []);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("x", "Flag", "Boolean", false)]));
        Assert.True(JsonNode.Parse(result.VariablesJson)!["Flag"]!.GetValue<bool>());
    }

    [Fact]
    public async Task SetOutput_and_Variable_and_Input_expressions_reach_the_output()
    {
        var test = new TestHost();
        var root = Flowchart("fc",
            [
                Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "g", ["name"] = "Greeting" }), ("value", Expr("Input", "Name"))),
                Activity("out", "Elsa.SetOutput", ("outputName", Literal("Result")), ("outputValue", Expr("Variable", "Greeting"))),
            ],
            [Connect("set", "out")]);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("g", "Greeting", "String", "")]), new JsonObject { ["Name"] = "ada" });
        Assert.Equal("ada", JsonNode.Parse(result.OutputJson)!["Result"]!.GetValue<string>());
    }

    [Fact]
    public async Task ForEach_runs_the_body_per_item_in_order_with_the_current_value_bound()
    {
        var test = new TestHost();
        var body = Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'item ' + getItem()")));
        var loop = Activity("loop", "Elsa.ForEach", ("items", Expr("Object", "[\"a\",\"b\",\"c\"]")), ("currentValue", Bind("item")), ("body", body));
        var root = Flowchart("fc", [loop, WriteLine("after", "after")], [Connect("loop", "after")]);
        await test.RunAsync(Workflow(root, variables: [Variable("item", "Item", "String", null)]));
        Assert.Equal(["item a", "item b", "item c", "after"], test.Lines.Texts);
    }

    [Fact]
    public async Task ParallelForEach_gives_each_iteration_its_own_current_value()
    {
        var test = new TestHost();
        var body = Flowchart("body",
            [Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:00:01"))), Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'item ' + getItem()")))],
            [Connect("wait", "say")]);
        var loop = Activity("loop", "Elsa.ParallelForEach", ("items", Expr("Object", "[1,2,3]")), ("currentValue", Bind("item")), ("body", body));
        var root = Flowchart("fc", [loop, WriteLine("after", "after")], [Connect("loop", "after")]);
        var result = await test.RunAsync(Workflow(root, variables: [Variable("item", "Item", "Object", null)]));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(new[] { "item 1", "item 2", "item 3" }, test.Lines.Texts.Take(3).Order());
        Assert.Equal("after", test.Lines.Texts[^1]);
    }

    [Fact]
    public async Task Finish_ends_the_workflow_even_with_other_work_pending()
    {
        var test = new TestHost();
        var root = Flowchart("fc", [WriteLine("s", "s"), Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:10:00"))), WriteLine("late", "late"), Activity("finish", "Elsa.Finish")],
            [Connect("s", "wait"), Connect("wait", "late"), Connect("s", "finish")]);
        var result = await test.RunAsync(Workflow(root));
        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["s"], test.Lines.Texts);
    }

    [Fact]
    public async Task Delay_suspends_with_a_timer_bookmark_carrying_resume_at()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("00:00:05"))), WriteLine("after", "after")], [Connect("d", "after")])));
        var instance = await test.Host.Engine.CreateInstanceAsync(definition, new Workflows.Core.Runtime.WorkflowStartOptions(), CancellationToken.None);
        var suspended = await test.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, suspended.SubStatus);
        var bookmark = Assert.Single(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id }, CancellationToken.None));
        Assert.Equal("Elsa.Delay", bookmark.Name);
        Assert.Equal(clock.UtcNow.AddSeconds(5), bookmark.ResumeAt);
        Assert.Empty(test.Lines.Texts);
    }

    [Fact]
    public async Task Delay_waits_in_real_time()
    {
        var test = new TestHost(clock: new Workflows.Core.Runtime.SystemWorkflowClock());
        var started = DateTimeOffset.UtcNow;
        var result = await test.RunAsync(Workflow(Flowchart("fc", [Activity("d", "Elsa.Delay", ("timeSpan", Literal("00:00:00.300"))), WriteLine("after", "after")], [Connect("d", "after")])));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(290));
        Assert.Equal(["after"], test.Lines.Texts);
    }

    [Fact]
    public async Task DispatchWorkflow_waits_for_the_child_and_returns_its_output()
    {
        var test = new TestHost();
        var child = Workflow(Flowchart("c", [Activity("out", "Elsa.SetOutput", ("outputName", Literal("Answer")), ("outputValue", Expr("JavaScript", "getInput('X') * 2")))], []),
            definitionId: "child");
        await test.ImportAsync(child, "child.json");
        var parent = Flowchart("p",
            [
                Activity("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("child")), ("input", Expr("Object", "{\"X\":21}")),
                    ("waitForCompletion", Literal(true)), ("result", Bind("res"))),
                Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "'answer ' + getRes().Answer"))),
            ],
            [Connect("dispatch", "say")]);
        var result = await test.RunAsync(Workflow(parent, variables: [Variable("res", "Res", "Object", null)]));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["answer 42"], test.Lines.Texts);
        var children = await test.Host.Instances.ListAsync(new WorkflowInstanceFilter { ParentInstanceId = result.Id }, PageArgs.All, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, Assert.Single(children.Items).SubStatus);
    }

    [Fact]
    public async Task An_in_process_run_goes_on_first_and_sees_a_child_it_dispatched_without_waiting_to_its_end()
    {
        var test = new TestHost();
        var child = Workflow(Flowchart("c", [Activity("wait", "Elsa.Delay", ("timeSpan", Literal("00:00:01"))), WriteLine("late", "child done")],
            [Connect("wait", "late")]), definitionId: "child");
        await test.ImportAsync(child, "child.json");
        var parent = Flowchart("p",
            [
                Activity("dispatch", "Elsa.DispatchWorkflow", ("workflowDefinitionId", Literal("child")), ("waitForCompletion", Literal(false))),
                WriteLine("say", "parent done"),
            ],
            [Connect("dispatch", "say")]);

        var result = await test.RunAsync(Workflow(parent));

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        // The parent ended before the child ran (as on a server, where they run side by side), and the child, which
        // waited on a timer after the parent had finished, was still run to its end.
        Assert.Equal(["parent done", "child done"], test.Lines.Texts);
        var children = await test.Host.Instances.ListAsync(new WorkflowInstanceFilter { ParentInstanceId = result.Id }, PageArgs.All, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, Assert.Single(children.Items).SubStatus);
    }

    [Fact]
    public async Task HttpEndpoint_mid_flow_suspends_until_resumed_with_a_request()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc",
            [WriteLine("s", "s"), Activity("http", "Elsa.HttpEndpoint", ("path", Literal("hook")), ("parsedContent", Bind("body"))), Activity("say", "Elsa.WriteLine", ("text", Expr("JavaScript", "getBody().ok")))],
            [Connect("s", "http"), Connect("http", "say")]), variables: [Variable("body", "Body", "Object", null)]));
        var result = await test.Host.Runner.RunAsync(definition, new Workflows.Core.Runtime.WorkflowStartOptions(), CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Suspended, result.SubStatus);
        var bookmark = Assert.Single(await test.Host.Instances.FindAsync(new BookmarkFilter { Name = "Elsa.HttpEndpoint" }, CancellationToken.None));
        var resumed = await test.Host.Engine.ResumeAsync(result.Id, bookmark.Id, new JsonObject { ["body"] = new JsonObject { ["ok"] = "yes" } }, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, resumed.SubStatus);
        Assert.Equal(["s", "yes"], test.Lines.Texts);
    }

    [Fact]
    public async Task WriteHttpResponse_without_a_host_records_the_response_in_the_journal()
    {
        var test = new TestHost();
        var result = await test.RunAsync(Workflow(Flowchart("fc", [Activity("r", "Elsa.WriteHttpResponse", ("statusCode", Literal(202)), ("content", Literal("accepted")))], [])));
        var entry = Assert.Single(await test.JournalAsync(result.Id), j => j.EventName == "HttpResponse");
        Assert.Equal(202, JsonNode.Parse(entry.PayloadJson!)!["statusCode"]!.GetValue<int>());
    }
}
