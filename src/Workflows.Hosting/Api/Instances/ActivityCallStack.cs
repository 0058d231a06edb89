using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// The execution chain of an activity execution, root first, as Studio's call-stack tab shows it: each activity was
/// scheduled by its container (the flowchart, a ForEach body...), read from the journal's parent activity instance
/// ids. Across workflows, a child instance's chain continues from the parent's <c>Elsa.DispatchWorkflow</c> that
/// started it.
/// </summary>
public sealed class ActivityCallStack(IWorkflowInstanceStore store)
{
    /// <summary>Far more than any real nesting; it only stops a corrupt chain from looping.</summary>
    private const int MaxDepth = 1_000;

    public async Task<IReadOnlyList<ActivityExecutionRecord>> ChainAsync(ActivityExecutionRecord record, bool acrossWorkflows, CancellationToken cancellationToken)
    {
        var chain = new List<ActivityExecutionRecord>();
        var current = record;
        while (current is not null && chain.Count < MaxDepth)
        {
            var withinWorkflow = await WithinWorkflowAsync(current, cancellationToken);
            chain.InsertRange(0, withinWorkflow);
            current = acrossWorkflows ? await DispatcherOfAsync(current.WorkflowInstanceId, cancellationToken) : null;
        }
        return chain;
    }

    /// <summary>The record and its containers in its own instance, root first.</summary>
    private async Task<List<ActivityExecutionRecord>> WithinWorkflowAsync(ActivityExecutionRecord record, CancellationToken cancellationToken)
    {
        var executions = (await store.ListActivityExecutionsAsync(record.WorkflowInstanceId, cancellationToken)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var parents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in (await store.ListExecutionLogAsync(record.WorkflowInstanceId, PageArgs.All, cancellationToken)).Items)
            if (entry is { ActivityInstanceId: { } child, ParentActivityInstanceId: { } parent })
                parents.TryAdd(child, parent);

        var chain = new List<ActivityExecutionRecord> { record };
        var seen = new HashSet<string>(StringComparer.Ordinal) { record.Id };
        var id = record.Id;
        while (parents.TryGetValue(id, out var parentId) && seen.Add(parentId) && executions.TryGetValue(parentId, out var parent) && chain.Count < MaxDepth)
        {
            chain.Insert(0, parent);
            id = parentId;
        }
        return chain;
    }

    /// <summary>The parent instance's DispatchWorkflow execution that started this instance, if it was a child.</summary>
    private async Task<ActivityExecutionRecord?> DispatcherOfAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(instanceId, cancellationToken) is not { ParentInstanceId: { Length: > 0 } parentId })
            return null;
        return (await store.ListActivityExecutionsAsync(parentId, cancellationToken))
            .Where(r => r.ActivityType == "Elsa.DispatchWorkflow")
            .FirstOrDefault(r => ChildOf(r) == instanceId);
    }

    private static string? ChildOf(ActivityExecutionRecord dispatch)
    {
        if (string.IsNullOrWhiteSpace(dispatch.OutputsJson) || WorkflowJson.Parse(dispatch.OutputsJson) is not JsonObject outputs)
            return null;
        return outputs.FirstOrDefault(p => string.Equals(p.Key, "ChildInstanceId", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>();
    }
}
