using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Hosting.Tests.Support;

/// <summary>Definitions for the tests: a small Elsa 3 flowchart using a few built-in activities, positioned on the canvas.</summary>
public static class SampleDefinitions
{
    public const string GreetingText = "hello from recipeci";

    /// <summary>Start, WriteLine, SetVariable, End in a row; no nodeIds (the server must add them).</summary>
    public static JsonObject Greeting(string definitionId, string name) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["description"] = "Says hello.",
        ["variables"] = new JsonArray(new JsonObject
        {
            ["id"] = "greeted", ["name"] = "Greeted", ["typeName"] = "Boolean", ["isArray"] = false, ["value"] = "false",
            ["storageDriverTypeName"] = null,
        }),
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1",
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["activities"] = new JsonArray(
                Activity("start1", "Elsa.Start", "Start1", 0),
                Activity("write1", "Elsa.WriteLine", "WriteLine1", 1, new JsonObject
                {
                    ["text"] = Literal("String", GreetingText),
                }),
                Activity("set1", "Elsa.SetVariable", "SetVariable1", 2, new JsonObject
                {
                    ["variable"] = new JsonObject { ["id"] = "greeted", ["name"] = "Greeted", ["typeName"] = "Boolean" },
                    ["value"] = Literal("Object", "true"),
                }),
                Activity("end1", "Elsa.End", "End1", 3)),
            ["connections"] = new JsonArray(Connect("start1", "write1"), Connect("write1", "set1"), Connect("set1", "end1")),
        },
    };

    /// <summary>Saves (and optionally publishes) a definition through the engine's definition service.</summary>
    public static async Task<string> SeedAsync(StudioTestServer server, JsonObject definition, bool publish)
    {
        var service = server.Services.GetRequiredService<WorkflowDefinitionService>();
        var saved = await service.SaveAsync(WorkflowDefinitionDocument.FromJson(definition), publish, CancellationToken.None);
        return saved.DefinitionId;
    }

    private static JsonObject Activity(string id, string type, string name, int column, JsonObject? inputs = null)
    {
        var activity = new JsonObject
        {
            ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = name,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = type == "Elsa.Start" },
            ["metadata"] = new JsonObject
            {
                ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 80 + column * 260, ["y"] = 160 } },
            },
        };
        foreach (var (key, value) in inputs ?? [])
            activity[key] = value?.DeepClone();
        return activity;
    }

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value }, ["memoryReference"] = null,
    };

    private static JsonObject Connect(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };
}
