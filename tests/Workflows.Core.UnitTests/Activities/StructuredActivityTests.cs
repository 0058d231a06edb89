using System.Text.Json.Nodes;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Activities;

/// <summary>
/// Elsa's structured activities (Sequence, If, FlowSwitch, Switch, FlowNode, Correlate, SetName) run from Elsa-export-format definitions in
/// tests/fixtures/elsa-activities, with the lines, variables and status Elsa's tests assert.
/// </summary>
public sealed class StructuredActivityTests
{
    [Fact]
    public async Task A_Sequence_root_runs_its_activities_in_order_with_its_own_variables()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("sequence-root.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["Hello, one", "Bye, two", "three"], test.Lines.Texts);
        // The root's variables are the workflow's (as Elsa exports them on the root).
        Assert.Equal("Bye", JsonNode.Parse(result.VariablesJson)!["Greeting"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true, "deploy")]
    [InlineData(false, "skip")]
    public async Task If_runs_Then_or_Else_and_completes_after_it(bool ready, string branch)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("if-then-else.json"), new JsonObject { ["Ready"] = ready });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal([branch, "after"], test.Lines.Texts);
        Assert.Equal(ready, JsonNode.Parse(result.VariablesJson)!["Decided"]!.GetValue<bool>());
        var record = (await test.ExecutionsAsync(result.Id)).Single(e => e.ActivityType == "Elsa.If");
        Assert.Equal("[\"Done\"]", record.OutcomesJson);
    }

    [Theory]
    [InlineData(4, "MatchFirst", new[] { "small" })]
    [InlineData(4, "MatchAny", new[] { "small", "even" })]
    [InlineData(12, "MatchFirst", new[] { "even" })]
    [InlineData(13, "MatchAny", new[] { "other" })]
    public async Task FlowSwitch_continues_on_the_matching_labels_or_Default(int size, string mode, string[] lines)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("flow-switch.json"), new JsonObject { ["Size"] = size, ["Mode"] = mode });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts);
        var record = (await test.ExecutionsAsync(result.Id)).Single(e => e.ActivityType == "Elsa.FlowSwitch");
        var outcomes = lines.Select(l => l switch { "small" => "Small", "even" => "Even", _ => "Default" });
        Assert.Equal(outcomes, JsonNode.Parse(record.OutcomesJson!)!.AsArray().Select(o => o!.GetValue<string>()));
    }

    [Theory]
    [InlineData("gold", new[] { "gold lane", "paid lane", "done" })]
    [InlineData("silver", new[] { "paid lane", "done" })]
    [InlineData("free", new[] { "free lane", "done" })]
    public async Task Switch_runs_every_matching_case_activity_or_Default(string tier, string[] lines)
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("switch.json"), new JsonObject { ["Tier"] = tier });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(lines, test.Lines.Texts);
    }

    [Fact]
    public async Task FlowNode_runs_its_body_before_continuing()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("flow-node.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["inside", "outside"], test.Lines.Texts);
    }

    [Fact]
    public async Task End_ends_the_flowchart_and_Correlate_and_SetName_change_the_instance()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("end-correlate.json"), new JsonObject { ["Order"] = 42 });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["before complete"], test.Lines.Texts);
        Assert.Equal("order-42", result.CorrelationId);
        Assert.Equal("Order run", result.Name);
        var executions = await test.ExecutionsAsync(result.Id);
        Assert.Equal("[\"Done\"]", executions.Single(e => e.ActivityType == "Elsa.Flowchart").OutcomesJson);
        // The branch that was scheduled beside End is cancelled with the flowchart.
        Assert.Single(executions, e => e.ActivityType == "Elsa.WriteLine" && e.Status == "Cancelled");
    }

    [Fact]
    public async Task WriteHttpResponse_accepts_the_status_code_by_enum_name()
    {
        var test = new TestHost();
        var result = await test.RunAsync(ActivityFixtures.Read("http-status-name.json"));
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var response = (await test.JournalAsync(result.Id)).Single(r => r.EventName == "HttpResponse");
        Assert.Equal(201, JsonNode.Parse(response.PayloadJson!)!["statusCode"]!.GetValue<int>());
    }
}
