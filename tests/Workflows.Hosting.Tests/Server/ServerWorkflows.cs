using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Server;

/// <summary>Linear Elsa 3 flowcharts for the server tests: Start, the given steps in a row, End.</summary>
public static class ServerWorkflows
{
    /// <summary><paramref name="count"/> test-only SlowStep activities (step1..stepN) of <paramref name="milliseconds"/> each.</summary>
    public static string SlowSteps(string definitionId, int count, int milliseconds) =>
        Chain(definitionId, Enumerable.Range(1, count).Select(i => SlowStep($"step{i}", milliseconds)).ToArray());

    /// <summary>
    /// A workflow started by <c>POST /workflows/{path}</c> (its HttpEndpoint can start it; the parsed body goes to
    /// variable <c>body</c>), then <paramref name="steps"/> in a row.
    /// </summary>
    public static string HttpTriggered(string definitionId, string path, params JsonObject[] steps)
    {
        var trigger = HttpEndpoint("trigger", path, "body", "POST");
        trigger["customProperties"] = new JsonObject { ["canStartWorkflow"] = true };
        return WithVariable(Chain(definitionId, [trigger, .. steps]), "body", "body");
    }

    public static string Chain(string definitionId, params JsonObject[] steps)
    {
        var activities = new JsonArray { Activity("start", "Elsa.Start") };
        var connections = new JsonArray();
        var previous = "start";
        foreach (var step in steps)
        {
            activities.Add(step);
            connections.Add(Connect(previous, step["id"]!.GetValue<string>()));
            previous = step["id"]!.GetValue<string>();
        }
        activities.Add(Activity("end", "Elsa.End"));
        connections.Add(Connect(previous, "end"));
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["root"] = new JsonObject
            {
                ["id"] = "flow", ["type"] = "Elsa.Flowchart", ["version"] = 1,
                ["activities"] = activities,
                ["connections"] = connections,
            },
        }.ToJsonString();
    }

    public static JsonObject SlowStep(string id, int milliseconds) =>
        Activity(id, "Testing.SlowStep", new JsonObject { ["milliseconds"] = Literal("Int32", milliseconds.ToString()) });

    public static JsonObject Delay(string id, TimeSpan span) =>
        Activity(id, "Elsa.Delay", new JsonObject { ["timeSpan"] = Literal("TimeSpan", span.ToString("c")) });

    public static JsonObject Fault(string id, string message) =>
        Activity(id, "Elsa.Fault", new JsonObject { ["message"] = Literal("String", message) });

    /// <summary>A mid-flow HTTP endpoint: the instance suspends on an <c>Elsa.HttpEndpoint</c> bookmark for GET <paramref name="path"/>.</summary>
    public static JsonObject HttpEndpoint(string id, string path) =>
        Activity(id, "Elsa.HttpEndpoint", new JsonObject { ["path"] = Literal("String", path) });

    /// <summary>A mid-flow HTTP endpoint for <paramref name="methods"/> whose parsed body goes to variable <paramref name="variableId"/>.</summary>
    public static JsonObject HttpEndpoint(string id, string path, string variableId, params string[] methods) =>
        Activity(id, "Elsa.HttpEndpoint", new JsonObject
        {
            ["path"] = Literal("String", path),
            ["supportedMethods"] = new JsonObject
            {
                ["typeName"] = "List<String>",
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = new JsonArray(methods.Select(m => (JsonNode)m).ToArray()).ToJsonString() },
            },
            ["parsedContent"] = new JsonObject { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variableId } },
        });

    /// <summary>Answers the HTTP request with <paramref name="statusCode"/> and JSON computed by <paramref name="javaScript"/>.</summary>
    public static JsonObject WriteHttpResponse(string id, int statusCode, string javaScript) =>
        Activity(id, "Elsa.WriteHttpResponse", new JsonObject
        {
            ["statusCode"] = Literal("Int32", statusCode.ToString()),
            ["contentType"] = Literal("String", "application/json"),
            ["content"] = new JsonObject
            {
                ["typeName"] = "Object",
                ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = javaScript },
            },
        });

    /// <summary>Adds an Object variable (<paramref name="id"/>, JavaScript name <paramref name="name"/>) to a definition.</summary>
    public static string WithVariable(string definitionJson, string id, string name)
    {
        var definition = JsonNode.Parse(definitionJson)!.AsObject();
        definition["variables"] = new JsonArray(new JsonObject { ["id"] = id, ["name"] = name, ["typeName"] = "Object", ["value"] = null });
        return definition.ToJsonString();
    }

    /// <summary>Starts a child instance of <paramref name="definitionId"/> and waits for it to finish.</summary>
    public static JsonObject DispatchAndWait(string id, string definitionId) =>
        Activity(id, "Elsa.DispatchWorkflow", new JsonObject
        {
            ["workflowDefinitionId"] = Literal("String", definitionId),
            ["waitForCompletion"] = Literal("Boolean", "true"),
        });

    /// <summary>A side-effect-free step: sets variable <paramref name="variableId"/> (see <see cref="WithVariable"/>) to a literal.</summary>
    public static JsonObject SetVariable(string id, string variableId, string value) =>
        Activity(id, "Elsa.SetVariable", new JsonObject
        {
            ["variable"] = new JsonObject { ["id"] = variableId, ["name"] = variableId, ["typeName"] = "Object" },
            ["value"] = Literal("Object", value),
        });

    public static JsonObject WriteLine(string id, string text) =>
        Activity(id, "Elsa.WriteLine", new JsonObject { ["text"] = Literal("String", text) });

    private static JsonObject Activity(string id, string type, JsonObject? inputs = null)
    {
        var activity = new JsonObject
        {
            ["id"] = id, ["type"] = type, ["version"] = 1, ["name"] = id,
            ["customProperties"] = new JsonObject { ["canStartWorkflow"] = type == "Elsa.Start" },
        };
        foreach (var (key, value) in inputs ?? [])
            activity[key] = value?.DeepClone();
        return activity;
    }

    private static JsonObject Literal(string typeName, string value) => new()
    {
        ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connect(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
