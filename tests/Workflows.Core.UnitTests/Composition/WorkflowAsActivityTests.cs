using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Composition;

/// <summary>
/// A definition published with <c>options.usableAsActivity</c> is an activity type (Elsa's WorkflowDefinitionActivity):
/// it runs nested in its parent's instance with its own variables, takes inputs, gives outputs back and leaves by the
/// outcome an <c>Elsa.Complete</c> inside chose.
/// </summary>
public sealed class WorkflowAsActivityTests
{
    [Fact]
    public async Task A_parent_sorted_before_its_child_imports_and_runs_the_child_nested_in_its_own_instance()
    {
        var test = new TestHost();
        var imported = await WorkflowActivityFiles.ImportAsync(test, "a-greeting-parent.json", "greeter.json");

        var result = await test.Host.Runner.RunAsync(imported["a-greeting-parent.json"], new WorkflowStartOptions { Input = new JsonObject { ["Who"] = "ada" } }, CancellationToken.None);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["parent before", "child sees ada as ADA", "greeted: Hello, ADA"], test.Lines.Texts);
        Assert.Equal("Hello, ADA", JsonNode.Parse(result.OutputJson)!["Result"]!.GetValue<string>());
        var variables = JsonNode.Parse(result.VariablesJson)!;
        Assert.Equal("Hello, ADA", variables["Greeting"]!.GetValue<string>());
        Assert.Equal("parent's own", variables["Shout"]!.GetValue<string>()); // the child's Shout was scoped to it
        // One instance: the child is no instance of its own.
        Assert.Equal(1, await test.Host.Instances.CountAsync(new WorkflowInstanceFilter(), CancellationToken.None));

        var executions = await test.ExecutionsAsync(result.Id);
        var greeter = Assert.Single(executions, e => e.ActivityId == "Greeter1");
        Assert.Equal("Greeter", greeter.ActivityType);
        Assert.Equal("Completed", greeter.Status);
        Assert.Equal("[\"Greeted\"]", greeter.OutcomesJson);
        Assert.Contains("\"Greeting\":\"Hello, ADA\"", greeter.OutputsJson);
        // The journal shows the nested activities under the activity's node id; Complete ended the body, so the
        // activity connected after it never ran.
        var journal = await test.JournalAsync(result.Id);
        foreach (var nested in new[] { "Shout1", "Say1", "Out1", "Known1", "Greeted1" })
            Assert.Contains(journal, r => r.ActivityId == nested && r.EventName == "Completed"
                                          && r.ActivityNodeId!.StartsWith("Workflow1:Flowchart1:Greeter1:", StringComparison.Ordinal));
        Assert.DoesNotContain(journal, r => r.ActivityId == "Never1");
        Assert.DoesNotContain(journal, r => r.ActivityId == "Refused1" && r.ActivityNodeId!.Contains(":Greeter1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_outcome_chosen_inside_the_child_is_the_port_the_parent_follows()
    {
        var test = new TestHost();
        var imported = await WorkflowActivityFiles.ImportAsync(test, "greeter.json", "a-greeting-parent.json");

        var result = await test.Host.Runner.RunAsync(imported["a-greeting-parent.json"], new WorkflowStartOptions { Input = new JsonObject { ["Who"] = "nobody" } }, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal(["parent before", "child sees nobody as NOBODY", "refused: Hello, NOBODY"], test.Lines.Texts);
        Assert.Null(JsonNode.Parse(result.OutputJson)!["Result"]);
        var greeter = Assert.Single(await test.ExecutionsAsync(result.Id), e => e.ActivityId == "Greeter1");
        Assert.Equal("[\"Refused\"]", greeter.OutcomesJson);
    }

    [Fact]
    public async Task A_child_waiting_on_a_timer_suspends_the_parent_instance_with_the_nested_bookmark_then_gives_its_output_back()
    {
        var clock = new FastForwardClock();
        var test = new TestHost(clock: clock);
        var imported = await WorkflowActivityFiles.ImportAsync(test, "timed-parent.json", "timed-double.json");
        var instance = await test.Host.Engine.CreateInstanceAsync(imported["timed-parent.json"], new WorkflowStartOptions { Input = new JsonObject { ["Number"] = 21 } }, CancellationToken.None);

        var suspended = await test.Host.Engine.RunAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowStatus.Running, suspended.Status);
        Assert.Equal(WorkflowSubStatus.Suspended, suspended.SubStatus);
        var bookmark = Assert.Single(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id }, CancellationToken.None));
        Assert.Equal("Elsa.Delay", bookmark.Name);
        Assert.Equal("Wait1", bookmark.ActivityId);

        var finished = await test.Host.Runner.RunToEndAsync(instance.Id, CancellationToken.None);
        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        Assert.Equal(42, JsonNode.Parse(finished.OutputJson)!["Result"]!.GetValue<int>());
        Assert.Equal(["child doubled 21", "parent got 42"], test.Lines.Texts);
        Assert.Single(clock.Waits);
        Assert.Empty(await test.Host.Instances.FindAsync(new BookmarkFilter { WorkflowInstanceId = instance.Id }, CancellationToken.None));
    }

    [Fact]
    public async Task Studio_sees_the_published_child_as_an_activity_type_with_its_inputs_outputs_outcomes_and_category()
    {
        var test = new TestHost();
        await WorkflowActivityFiles.ImportAsync(test, "greeter.json");

        var descriptor = Assert.Single(test.Host.Registry.Descriptors, d => d.TypeName == "Greeter");
        Assert.Equal("Recipe steps", descriptor.Category);
        Assert.True(descriptor.IsBrowsable);
        Assert.Equal(1, descriptor.Version);
        Assert.Equal(["Person"], descriptor.Inputs.Select(i => i.Name));
        Assert.Equal(["Greeting"], descriptor.Outputs.Select(o => o.Name));
        Assert.Equal(["Greeted", "Refused"], descriptor.Ports.Where(p => p.Type == Workflows.Core.Descriptors.PortType.Flow).Select(p => p.Name));
        Assert.Equal("greeter", descriptor.ConstructionProperties["WorkflowDefinitionId"]!.GetValue<string>());
        Assert.Equal("WorkflowDefinitionActivity", descriptor.CustomProperties["RootType"]!.GetValue<string>());
        // Found by its definition id too.
        Assert.NotNull(test.Host.Registry.Find("greeter", 1));
    }

    [Fact]
    public async Task A_parent_pinned_to_a_version_runs_it_and_an_unknown_version_falls_back_to_the_published_one()
    {
        var test = new TestHost();
        await WorkflowActivityFiles.ImportAsync(test, "greeter.json");
        var v2 = WorkflowActivityFiles.Read("greeter.json").Replace("child sees ", "child v2 sees ").Replace("\"id\": \"b7c1e0a4d2f34e58\"", "\"id\": \"b7c1e0a4d2f34e59\"");
        var published = await test.ImportAsync(v2, "greeter.json");
        Assert.Equal(2, published.Version);
        var pinned = (await test.Host.Definitions.ListVersionsAsync("greeter", CancellationToken.None))[0];

        var parent = WorkflowActivityFiles.Read("a-greeting-parent.json").Replace("b7c1e0a4d2f34e58", pinned.Id);
        var result = await test.RunAsync(parent, new JsonObject { ["Who"] = "bo" });
        Assert.Equal("child sees bo as BO", test.Lines.Texts[1]);

        var unpinned = JsonNode.Parse(WorkflowActivityFiles.Read("a-greeting-parent.json"))!;
        var node = unpinned["root"]!["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "Greeter1")!.AsObject();
        node.Remove("workflowDefinitionVersionId");
        node["version"] = 7;
        unpinned["definitionId"] = "greeting-parent-unpinned";
        var lines = test.Lines.Texts.Count;
        result = await test.RunAsync(unpinned.ToJsonString(), new JsonObject { ["Who"] = "cy" });
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        Assert.Equal("child v2 sees cy as CY", test.Lines.Texts[lines + 1]);
    }

    [Fact]
    public async Task An_unknown_activity_type_names_the_file_and_the_activity()
    {
        var test = new TestHost();
        var e = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.ImportAsync(WorkflowActivityFiles.Read("unknown-child.json"), "unknown-child.json"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal("unknown-child.json", problem.File);
        Assert.Equal("Missing1", problem.ActivityId);
        Assert.Contains("Unknown activity type 'Nope'", problem.Reason);
    }

    [Fact]
    public async Task A_workflow_that_uses_itself_as_an_activity_is_refused_with_the_cycle()
    {
        var test = new TestHost();
        var json = WorkflowActivityFiles.Read("self-user.json");
        // Saved as a draft first (so its type exists), then publishing finds the cycle.
        await test.Host.DefinitionService.SaveAsync(Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(json), publish: false, CancellationToken.None);
        var e = await Assert.ThrowsAsync<WorkflowValidationException>(() => test.Host.DefinitionService.PublishAsync("self-user", CancellationToken.None));
        Assert.Contains(e.Problems, p => p.Reason.Contains("self-user -> self-user", StringComparison.Ordinal) && p.Reason.Contains("cannot use itself"));
    }
}
