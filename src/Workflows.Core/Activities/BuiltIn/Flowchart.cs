using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Elsa's flowchart in counter mode. Outcomes select outbound connections; a target runs once all its forward
/// inbound connections were visited and at least one was followed (implicit join); when none was followed the
/// target is skipped and its successors see a dead path. Backward connections re-enter loops. FlowJoin in
/// WaitAny mode fires on the first arrival and cancels its still-running ancestors. Counters live in the
/// instance's properties, so a flowchart resumes in another process.
/// </summary>
[Activity("Elsa", "Flowchart", Category = "Flow", Description = "A flowchart of activities connected by outcomes.", IsBrowsable = false)]
[EmbeddedPort("Start", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    private const string VisitedKey = "visited";
    private const string FiredJoinsKey = "firedJoins";

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var graph = context.Workflow.GetFlowchart(context.Node.NodeId);
        var start = context.Properties["startActivityId"] is JsonValue v && v.TryGetValue<string>(out var id) && graph.Find(id) is { } trigger
            ? trigger
            : graph.Start;
        if (start is null)
            context.Complete();
        else
            context.ScheduleChild(start);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        var graph = context.Workflow.GetFlowchart(context.Node.NodeId);
        if (IsTerminal(child.Node) && child.Outcomes.Count > 0)
        {
            await context.CancelChildrenAsync(_ => true);
            context.Complete();
            return;
        }

        var pending = new Queue<(string ActivityId, IReadOnlyList<string> Outcomes)>();
        pending.Enqueue((child.Node.Id, child.Outcomes));
        while (pending.TryDequeue(out var completed))
            foreach (var connection in graph.Outbound(completed.ActivityId))
                await VisitAsync(context, graph, connection, completed.Outcomes.Contains(connection.SourcePort), pending);

        if (context.ActiveChildren.Count == 0)
            context.Complete();
    }

    private static async Task VisitAsync(ActivityContext context, FlowchartGraph graph, FlowConnection connection, bool followed,
        Queue<(string, IReadOnlyList<string>)> deadPaths)
    {
        var target = graph.Find(connection.Target)!;
        if (graph.IsBackward(connection))
        {
            if (followed)
            {
                ResetInbound(context, graph, target.Id);
                context.ScheduleChild(target);
            }
            return;
        }

        var visited = Visited(context);
        visited[Key(graph, connection)] = followed;
        var inbound = graph.ForwardInbound(target.Id).Select(c => Key(graph, c)).ToList();
        var allVisited = inbound.All(visited.ContainsKey);
        var anyFollowed = inbound.Any(k => visited[k] is JsonValue f && f.GetValue<bool>());

        if (target.Type == "Elsa.FlowJoin" && JoinMode(target) == FlowJoinMode.WaitAny)
        {
            var fired = FiredJoins(context);
            var hasFired = fired.Any(n => n?.GetValue<string>() == target.Id);
            if (followed && !hasFired)
            {
                hasFired = true;
                fired.Add(target.Id);
                var ancestors = graph.Ancestors(target.Id);
                await context.CancelChildrenAsync(n => ancestors.Contains(n.Id));
                context.ScheduleChild(target);
            }
            if (allVisited)
            {
                ResetInbound(context, graph, target.Id);
                var index = fired.Select((n, i) => (n, i)).FirstOrDefault(p => p.n?.GetValue<string>() == target.Id).i;
                if (hasFired)
                    fired.RemoveAt(index);
                else
                    deadPaths.Enqueue((target.Id, []));
            }
            return;
        }

        if (!allVisited)
            return;
        ResetInbound(context, graph, target.Id);
        if (anyFollowed)
            context.ScheduleChild(target);
        else
            deadPaths.Enqueue((target.Id, []));
    }

    private static bool IsTerminal(ActivityNode node) => node.Type is "Elsa.End";

    private static FlowJoinMode JoinMode(ActivityNode join) =>
        LiteralInputs.Get<FlowJoinMode?>(join, nameof(FlowJoin.Mode)) ?? FlowJoinMode.WaitAny;

    private static void ResetInbound(ActivityContext context, FlowchartGraph graph, string activityId)
    {
        var visited = Visited(context);
        foreach (var connection in graph.ForwardInbound(activityId))
            visited.Remove(Key(graph, connection));
    }

    private static string Key(FlowchartGraph graph, FlowConnection connection) =>
        $"{connection.Source}:{connection.SourcePort}>{connection.Target}:{connection.TargetPort}";

    private static JsonObject Visited(ActivityContext context) => GetOrAdd(context, VisitedKey, () => new JsonObject());

    private static JsonArray FiredJoins(ActivityContext context) => GetOrAdd(context, FiredJoinsKey, () => new JsonArray());

    private static T GetOrAdd<T>(ActivityContext context, string key, Func<T> create) where T : JsonNode
    {
        if (context.Properties[key] is T existing)
            return existing;
        var created = create();
        context.Properties[key] = created;
        return created;
    }
}
