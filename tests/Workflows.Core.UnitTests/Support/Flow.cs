using System.Text.Json.Nodes;

namespace Workflows.Core.UnitTests.Support;

/// <summary>Builds small Elsa 3 definitions for tests.</summary>
public static class Flow
{
    public static JsonObject Literal(object? value) =>
        new() { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = JsonValue.Create(value) } };

    public static JsonObject Expr(string type, string value) =>
        new() { ["typeName"] = null, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    public static JsonObject Bind(string memoryId) => new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = memoryId } };

    public static JsonObject Activity(string id, string type, params (string Key, JsonNode? Value)[] properties)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (key, value) in properties)
            activity[key] = value;
        return activity;
    }

    public static JsonObject WriteLine(string id, string text) => Activity(id, "Elsa.WriteLine", ("text", Literal(text)));

    public static JsonObject Connect(string source, string target, string port = "Done") =>
        new() { ["source"] = new JsonObject { ["activity"] = source, ["port"] = port }, ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" } };

    public static JsonObject Flowchart(string id, IEnumerable<JsonObject> activities, IEnumerable<JsonObject> connections) =>
        new()
        {
            ["id"] = id,
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(activities.Cast<JsonNode>().ToArray()),
            ["connections"] = new JsonArray(connections.Cast<JsonNode>().ToArray()),
        };

    public static string Workflow(JsonObject root, JsonArray? variables = null, JsonArray? inputs = null, JsonArray? outputs = null, string? definitionId = null, JsonObject? options = null) =>
        new JsonObject
        {
            ["definitionId"] = definitionId ?? "test-" + Guid.NewGuid().ToString("N")[..8],
            ["name"] = "Test",
            ["variables"] = variables ?? [],
            ["inputs"] = inputs ?? [],
            ["outputs"] = outputs ?? [],
            ["options"] = options ?? new JsonObject(),
            ["root"] = root,
        }.ToJsonString();

    public static JsonObject Variable(string id, string name, string typeName, object? value) =>
        new() { ["id"] = id, ["name"] = name, ["typeName"] = typeName, ["value"] = JsonValue.Create(value) };
}
