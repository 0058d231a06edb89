using System.Text.Json.Nodes;
using Workflows.Core.Activities;

namespace RecipeCi.Bench;

/// <summary>The benchmark's workflow: <c>POST /workflows/bench/{id}</c> -> WriteHttpResponse 200 with a small JSON body.</summary>
public static class HttpBenchWorkflow
{
    public const string DefinitionId = "bench-http";
    public const string PathPrefix = "workflows/bench/";

    public static string Json() => new JsonObject
    {
        ["definitionId"] = DefinitionId,
        ["name"] = "HTTP benchmark",
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1,
            ["activities"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = "endpoint1", ["type"] = "Elsa.HttpEndpoint", ["version"] = 1,
                    ["customProperties"] = new JsonObject { ["canStartWorkflow"] = true },
                    ["path"] = Literal("String", "bench/{id}"),
                    ["supportedMethods"] = Literal("List<String>", "[\"POST\"]"),
                },
                new JsonObject
                {
                    ["id"] = "respond1", ["type"] = "Elsa.WriteHttpResponse", ["version"] = 1,
                    ["customProperties"] = new JsonObject { ["canStartWorkflow"] = false },
                    ["statusCode"] = Literal("Int32", 200),
                    ["contentType"] = Literal("String", "application/json"),
                    ["content"] = new JsonObject
                    {
                        ["typeName"] = "Object",
                        ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{\"ok\":true}" },
                    },
                }),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "endpoint1", ["port"] = FlowPorts.Done },
                ["target"] = new JsonObject { ["activity"] = "respond1", ["port"] = FlowPorts.In },
            }),
        },
    }.ToJsonString();

    private static JsonObject Literal(string typeName, JsonNode value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };
}
