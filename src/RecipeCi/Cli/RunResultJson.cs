using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary>The one JSON object <c>recipeci run --json</c> prints.</summary>
internal static class RunResultJson
{
    public static async Task<JsonObject> BuildAsync(InProcessWorkflowHost host, WorkflowInstanceRecord result, CollectingWriteLineSink lines, CancellationToken cancellationToken)
    {
        var executions = await host.Instances.ListActivityExecutionsAsync(result.Id, cancellationToken);
        var journal = new JsonArray();
        foreach (var e in executions.Where(e => e.CompletedAt is not null || e.Status != "Running"))
            journal.Add(new JsonObject
            {
                ["activityId"] = e.ActivityId,
                ["type"] = e.ActivityType,
                ["outcome"] = e.OutcomesJson is null ? e.Status : string.Join(",", JsonNode.Parse(e.OutcomesJson)!.AsArray().Select(o => o!.GetValue<string>())),
                ["startedAt"] = e.StartedAt,
                ["completedAt"] = e.CompletedAt,
            });
        return new JsonObject
        {
            ["instanceId"] = result.Id,
            ["status"] = result.Status.ToString(),
            ["subStatus"] = result.SubStatus.ToString(),
            ["output"] = WorkflowJson.Parse(result.OutputJson),
            ["variables"] = WorkflowJson.Parse(result.VariablesJson),
            ["lines"] = new JsonArray(lines.Lines.Where(l => l.WorkflowInstanceId == result.Id).Select(l => (JsonNode)l.Text).ToArray()),
            ["incidents"] = WorkflowJson.Parse(result.IncidentsJson),
            ["journal"] = journal,
        };
    }
}
