using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Definitions;

namespace Workflows.Core.UnitTests.Descriptors;

public sealed class DescriptorTests
{
    private static readonly JsonArray Descriptors =
        JsonSerializer.SerializeToNode(ActivityRegistry.CreateWithBuiltIns().Descriptors, WorkflowJson.Options)!.AsArray();

    [Fact]
    public void Every_built_in_type_has_a_descriptor_with_a_unique_type_name_and_version()
    {
        var keys = Descriptors.Select(d => $"{d!["typeName"]}@{d["version"]}").ToList();
        Assert.Equal(BuiltInActivities.Types.Count + Workflows.Core.Activities.Scripting.ScriptingActivities.Types.Count, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
        foreach (var name in new[] { "Elsa.Flowchart", "Elsa.Start", "Elsa.End", "Elsa.Finish", "Elsa.SetVariable", "Elsa.SetOutput", "Elsa.WriteLine",
                     "Elsa.FlowDecision", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.ForEach", "Elsa.ParallelForEach", "Elsa.DispatchWorkflow",
                     "Elsa.HttpEndpoint", "Elsa.WriteHttpResponse", "Elsa.Cron", "Elsa.Timer", "Elsa.Delay", "Elsa.Fault" })
            Assert.Contains($"{name}@1", keys);
    }

    [Fact]
    public void Descriptors_have_the_shape_studio_requires()
    {
        foreach (var d in Descriptors.Select(d => d!.AsObject()))
        {
            foreach (var key in new[] { "typeName", "namespace", "name", "version", "category", "displayName", "description", "kind", "inputs", "outputs",
                         "ports", "customProperties", "constructionProperties", "isContainer", "isBrowsable", "isStart", "isTerminal" })
                Assert.True(d.ContainsKey(key), $"{d["typeName"]} lacks {key}");
            Assert.NotNull(d["category"]);
            Assert.Equal(1, d["version"]!.GetValue<int>());
            foreach (var input in d["inputs"]!.AsArray().Select(i => i!.AsObject()))
            {
                Assert.True(input["isBrowsable"]!.GetValue<bool>());
                Assert.False(string.IsNullOrEmpty(input["uiHint"]?.GetValue<string>()), $"{d["typeName"]}.{input["name"]} has no uiHint");
                Assert.True(input.ContainsKey("defaultSyntax") && input.ContainsKey("isWrapped") && input.ContainsKey("storageDriverType") && input.ContainsKey("uiSpecifications"));
            }
        }
    }

    [Fact]
    public void Flowchart_descriptor_matches_the_contract()
    {
        var flowchart = Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.Flowchart")!;
        Assert.Equal("Flow", flowchart["category"]!.GetValue<string>());
        Assert.Equal("Action", flowchart["kind"]!.GetValue<string>());
        Assert.False(flowchart["isBrowsable"]!.GetValue<bool>());
        Assert.True(flowchart["isContainer"]!.GetValue<bool>());
        var port = Assert.Single(flowchart["ports"]!.AsArray())!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Start","displayName":"Start","type":"Embedded","isBrowsable":false}"""), port));
    }

    [Theory]
    [InlineData("Elsa.FlowDecision", "False,True", false)]
    [InlineData("Elsa.WriteLine", "Done", false)]
    [InlineData("Elsa.End", "", true)]
    [InlineData("Elsa.ForEach", "Body,Done", false)]
    public void Ports_are_outcomes_and_terminal_activities_have_none(string typeName, string ports, bool terminal)
    {
        var d = Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == typeName)!;
        Assert.Equal(ports, string.Join(",", d["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)));
        Assert.Equal(terminal, d["isTerminal"]!.GetValue<bool>());
    }

    [Fact]
    public void Start_hides_the_in_port_and_triggers_are_trigger_kind()
    {
        Assert.True(Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.Start")!["isStart"]!.GetValue<bool>());
        foreach (var trigger in new[] { "Elsa.Cron", "Elsa.Timer", "Elsa.HttpEndpoint" })
            Assert.Equal("Trigger", Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == trigger)!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Wrapped_inputs_are_pre_seeded_in_construction_properties()
    {
        var writeLine = Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == "Elsa.WriteLine")!;
        Assert.Equal("String", writeLine["constructionProperties"]!["Text"]!["typeName"]!.GetValue<string>());
        Assert.Equal("Literal", writeLine["constructionProperties"]!["Text"]!["expression"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Elsa.RunJavaScript", "Script")]
    [InlineData("Elsa.RunCSharp", "Script")]
    [InlineData("Elsa.FlowFork", null)]
    public void Dynamic_outcomes_inputs_without_a_default_are_not_pre_seeded(string typeName, string? seeded)
    {
        var descriptor = Descriptors.Single(d => d!["typeName"]!.GetValue<string>() == typeName)!;
        var construction = descriptor["constructionProperties"]!.AsObject();
        var dynamic = descriptor["inputs"]!.AsArray().Single(i => i!["uiHint"]!.GetValue<string>() == "dynamic-outcomes")!["name"]!.GetValue<string>();
        Assert.False(construction.ContainsKey(dynamic), $"{typeName}.{dynamic} is pre-seeded; Studio fails to draw a dropped activity whose outcomes input is an empty string");
        if (seeded is not null)
            Assert.True(construction.ContainsKey(seeded));
    }

    [Fact]
    public void Registering_a_duplicate_type_and_version_is_refused()
    {
        var registry = ActivityRegistry.CreateWithBuiltIns();
        Assert.Throws<InvalidOperationException>(() => registry.Register<WriteLine>());
    }
}
