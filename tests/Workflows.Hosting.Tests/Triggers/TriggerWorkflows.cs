using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>Elsa 3 definitions for the trigger tests, built as JSON the way Studio saves them.</summary>
public static class TriggerWorkflows
{
    /// <summary>
    /// <c>POST {path}</c> (e.g. <c>orders/{id}</c>) (optionally behind a policy) -> WriteHttpResponse 201 whose JSON body echoes the route
    /// value, a query value, a request header and a field of the JSON body.
    /// </summary>
    public static string Echo(string definitionId, string path, string? policy = null) => Flowchart(definitionId,
        [
            Activity("endpoint1", "Elsa.HttpEndpoint", startsWorkflow: true, new JsonObject
            {
                ["path"] = Literal("String", path),
                ["supportedMethods"] = Literal("List<String>", "[\"POST\"]"),
                ["authorize"] = Literal("Boolean", false),
                ["policy"] = Literal("String", policy),
            }),
            Activity("respond1", "Elsa.WriteHttpResponse", startsWorkflow: false, new JsonObject
            {
                ["statusCode"] = Literal("Int32", 201),
                ["contentType"] = Literal("String", "application/json"),
                ["content"] = Expression("Object", "JavaScript",
                    "return { id: getInput('routeData').id, q: getInput('queryStringData').q, " +
                    "trace: getInput('headers')['x-trace'], name: getInput('body').name, method: getInput('method') };"),
            }),
        ],
        [("endpoint1", "respond1")]);

    /// <summary>A cron trigger (Elsa syntax) followed by a WriteLine.</summary>
    public static string Cron(string definitionId, string expression) => Flowchart(definitionId,
        [
            Activity("cron1", "Elsa.Cron", startsWorkflow: true, new JsonObject { ["cronExpression"] = Literal("String", expression) }),
            Activity("write1", "Elsa.WriteLine", startsWorkflow: false, new JsonObject { ["text"] = Literal("String", "tick") }),
        ],
        [("cron1", "write1")]);

    private static string Flowchart(string definitionId, JsonObject[] activities, (string From, string To)[] connections) => new JsonObject
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1",
            ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
            ["connections"] = new JsonArray(connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
            }).ToArray()),
        },
    }.ToJsonString();

    private static JsonObject Activity(string id, string type, bool startsWorkflow, JsonObject inputs)
    {
        var activity = new JsonObject
        {
            ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = startsWorkflow },
        };
        foreach (var (name, value) in inputs)
            activity[name] = value?.DeepClone();
        return activity;
    }

    private static JsonObject Literal(string typeName, JsonNode? value) => Expression(typeName, "Literal", value);

    private static JsonObject Expression(string typeName, string type, JsonNode? value) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };
}
