using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Core.Management;

/// <summary>
/// Computes the triggers of a published version: trigger activities with <c>canStartWorkflow</c>. HTTP endpoints
/// get one trigger per method, hashed on path and method, so the server finds them by request.
/// </summary>
public sealed class TriggerIndexer(ActivityRegistry registry, IServiceProvider services)
{
    public IReadOnlyList<TriggerRecord> Index(StoredWorkflowDefinition definition)
    {
        var model = WorkflowModel.Compile(WorkflowDefinitionDocument.Parse(definition.Json));
        var triggers = new List<TriggerRecord>();
        foreach (var node in model.Nodes.Where(n => n.CanStartWorkflow))
        {
            if (registry.Find(node.Type, node.Version)?.Factory(services) is not ITriggerActivity trigger)
                continue;
            var payload = trigger.GetTriggerPayload(node);
            var hashPayloads = payload["methods"] is JsonArray methods
                ? methods.Select(m => new JsonObject { ["path"] = payload["path"]?.DeepClone(), ["method"] = m?.DeepClone() }).ToList()
                : [payload];
            foreach (var hashPayload in hashPayloads)
                triggers.Add(new TriggerRecord
                {
                    Id = Guid.NewGuid().ToString("N"),
                    WorkflowDefinitionId = definition.DefinitionId,
                    WorkflowDefinitionVersionId = definition.Id,
                    ActivityId = node.Id,
                    Name = node.Type,
                    Hash = BookmarkHash.Compute(node.Type, hashPayload),
                    PayloadJson = payload.ToJsonString(),
                });
        }
        return triggers;
    }
}
