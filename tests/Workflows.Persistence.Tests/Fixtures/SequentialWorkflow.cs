using System.Text.Json.Nodes;
using Workflows.Core.Persistence;

namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>An Elsa 3 flowchart Start → SetVariable(Counter = 1) → ... → SetVariable(Counter = K).</summary>
public static class SequentialWorkflow
{
    public static StoredWorkflowDefinition Create(string definitionId, int steps)
    {
        var variable = new JsonObject { ["id"] = "counter", ["name"] = "Counter", ["typeName"] = "Int32", ["value"] = "0" };
        var activities = new JsonArray { new JsonObject { ["id"] = "Start1", ["type"] = "Elsa.Start", ["version"] = 1 } };
        var connections = new JsonArray();
        var previous = "Start1";
        for (var step = 1; step <= steps; step++)
        {
            var id = $"SetVariable{step}";
            activities.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "Elsa.SetVariable",
                ["version"] = 1,
                ["variable"] = variable.DeepClone(),
                ["value"] = new JsonObject
                {
                    ["typeName"] = "Object",
                    ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            });
            connections.Add(new JsonObject { ["source"] = previous, ["target"] = id, ["sourcePort"] = "Done", ["targetPort"] = "In" });
            previous = id;
        }
        var document = new JsonObject
        {
            ["id"] = definitionId + "-v1",
            ["definitionId"] = definitionId,
            ["name"] = "Sequential " + steps,
            ["version"] = 1,
            ["isLatest"] = true,
            ["isPublished"] = true,
            ["variables"] = new JsonArray { variable.DeepClone() },
            ["root"] = new JsonObject
            {
                ["id"] = "Flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["start"] = "Start1",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
        return new StoredWorkflowDefinition
        {
            Id = definitionId + "-v1",
            DefinitionId = definitionId,
            Version = 1,
            IsLatest = true,
            IsPublished = true,
            Name = "Sequential " + steps,
            CreatedAt = DateTimeOffset.UtcNow,
            Json = document.ToJsonString(),
        };
    }
}
