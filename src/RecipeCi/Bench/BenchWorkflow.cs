using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;

namespace RecipeCi.Bench;

/// <summary>The benchmarked definition: an Elsa 3 flowchart of K <see cref="BenchStep"/> activities in a row.</summary>
public static class BenchWorkflow
{
    public const string VariableName = "LastStep";

    public static StoredWorkflowDefinition Create(string definitionId, int steps)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var step = 1; step <= steps; step++)
        {
            activities.Add(new JsonObject { ["id"] = StepId(step), ["type"] = "RecipeCi.Bench.Step", ["version"] = 1 });
            if (step > 1)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = StepId(step - 1), ["target"] = StepId(step), ["sourcePort"] = FlowPorts.Done, ["targetPort"] = FlowPorts.In,
                });
            }
        }
        var document = new JsonObject
        {
            ["id"] = definitionId + "-v1",
            ["definitionId"] = definitionId,
            ["name"] = $"Benchmark: {steps} sequential steps",
            ["version"] = 1,
            ["isLatest"] = true,
            ["isPublished"] = true,
            ["variables"] = new JsonArray { new JsonObject { ["id"] = "lastStep", ["name"] = VariableName, ["typeName"] = "String" } },
            ["root"] = new JsonObject
            {
                ["id"] = "Flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["start"] = StepId(1),
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
            Name = document["name"]!.GetValue<string>(),
            CreatedAt = DateTimeOffset.UtcNow,
            Json = document.ToJsonString(),
        };
    }

    private static string StepId(int step) => $"Step{step}";
}
