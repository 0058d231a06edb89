using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Elsa's flowchart in counter mode. Outcomes select outbound connections; a target runs once all its forward
/// inbound connections were visited and at least one was followed (implicit join); when none was followed the
/// target is skipped and its successors see a dead path. Backward connections re-enter loops. FlowJoin in
/// WaitAny mode fires on the first arrival and cancels its still-running ancestors. An activity's
/// <c>customProperties.mergeMode</c> (<see cref="MergeMode"/>) replaces the implicit join for it. Counters live in the
/// instance's properties, so a flowchart resumes in another process.
/// </summary>
[Activity("Elsa", "Flowchart", Category = "Flow", Description = "A flowchart of activities connected by outcomes.", IsBrowsable = false)]
[EmbeddedPort("Start", IsBrowsable = false)]
public sealed class Flowchart : Activity
{
    private const string VisitedKey = "visited";
    private const string FiredJoinsKey = "firedJoins";
    private const string StreamWaitingKey = "streamWaiting";
    private const string StreamRanKey = "streamRan";

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
        if (TerminalNodes.Ends(child.Node) && child.Outcomes.Count > 0)
        {
            await context.CancelChildrenAsync(_ => true);
            context.CompleteWith(TerminalNodes.OutcomesOf(child));
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
        var mode = MergeModes.Of(target);
        if (graph.IsBackward(connection))
        {
            if (mode == MergeMode.Converge)
                VisitConverge(context, graph, connection, target, followed, deadPaths);
            else if (followed)
            {
                ResetInbound(context, graph, target.Id);
                context.ScheduleChild(target);
            }
            return;
        }

        Visited(context)[Key(graph, connection)] = followed;
        switch (mode)
        {
            case MergeMode.Race:
                await VisitRaceAsync(context, graph, target, followed, deadPaths);
                return;
            case MergeMode.Stream:
                VisitStream(context, graph, target, followed, deadPaths);
                return;
            case MergeMode.Converge:
                VisitConverge(context, graph, connection, target, followed, deadPaths);
                return;
            case MergeMode.Cascade:
                if (followed)
                    context.ScheduleChild(target);
                break;
        }

        var inbound = Inbound(context, graph, target.Id, includeBackward: false);
        if (inbound.Any(i => i is null))
            return;
        ResetInbound(context, graph, target.Id);
        var run = mode switch
        {
            MergeMode.Merge => inbound.All(f => f == true),
            MergeMode.Cascade => false, // each followed arrival already ran it
            _ => inbound.Any(f => f == true),
        };
        if (run)
            context.ScheduleChild(target);
        else if (mode != MergeMode.Cascade || inbound.All(f => f == false))
            deadPaths.Enqueue((target.Id, []));
    }

    /// <summary>Race (and FlowJoin WaitAny): the first followed arrival runs it and cancels the other inbound branches.</summary>
    private static async Task VisitRaceAsync(ActivityContext context, FlowchartGraph graph, ActivityNode target, bool followed,
        Queue<(string, IReadOnlyList<string>)> deadPaths)
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
        if (Inbound(context, graph, target.Id, includeBackward: false).Any(i => i is null))
            return;
        ResetInbound(context, graph, target.Id);
        var index = fired.Select((n, i) => (n, i)).FirstOrDefault(p => p.n?.GetValue<string>() == target.Id).i;
        if (hasFired)
            fired.RemoveAt(index);
        else
            deadPaths.Enqueue((target.Id, []));
    }

    /// <summary>
    /// Stream: a followed arrival runs it as soon as none of its inbound sources is still pending (arrivals meanwhile
    /// are merged into that one run); branches not taken never block. All visited and none followed: a dead path.
    /// </summary>
    private static void VisitStream(ActivityContext context, FlowchartGraph graph, ActivityNode target, bool followed,
        Queue<(string, IReadOnlyList<string>)> deadPaths)
    {
        var waiting = GetOrAdd(context, StreamWaitingKey, () => new JsonObject());
        var ran = GetOrAdd(context, StreamRanKey, () => new JsonObject());
        if (followed)
            waiting[target.Id] = true;
        var sources = graph.ForwardInbound(target.Id).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
        var pending = context.ActiveChildren.Any(c => sources.Contains(c.Node.Id));
        if (waiting.ContainsKey(target.Id) && !pending)
        {
            waiting.Remove(target.Id);
            ran[target.Id] = true;
            context.ScheduleChild(target);
        }
        var inbound = Inbound(context, graph, target.Id, includeBackward: false);
        if (inbound.Any(i => i is null))
            return;
        ResetInbound(context, graph, target.Id);
        var stillWaiting = waiting.Remove(target.Id);
        var hasRun = ran.Remove(target.Id);
        if (stillWaiting)
            context.ScheduleChild(target);
        else if (!hasRun)
            deadPaths.Enqueue((target.Id, []));
    }

    /// <summary>Converge: runs once every inbound connection, backward ones included, was followed; an untaken one blocks it.</summary>
    private static void VisitConverge(ActivityContext context, FlowchartGraph graph, FlowConnection connection, ActivityNode target, bool followed,
        Queue<(string, IReadOnlyList<string>)> deadPaths)
    {
        Visited(context)[Key(graph, connection)] = followed;
        var all = Inbound(context, graph, target.Id, includeBackward: true);
        if (all.All(f => f == true))
        {
            ResetInbound(context, graph, target.Id, includeBackward: true);
            context.ScheduleChild(target);
            return;
        }
        var forward = Inbound(context, graph, target.Id, includeBackward: false);
        if (forward.Any(f => f is null) || forward.All(f => f == true))
            return; // still waiting (for a forward branch, or for the loop to come back)
        ResetInbound(context, graph, target.Id, includeBackward: true);
        deadPaths.Enqueue((target.Id, []));
    }

    /// <summary>Per inbound connection: null when not visited yet, else whether it was followed.</summary>
    private static List<bool?> Inbound(ActivityContext context, FlowchartGraph graph, string activityId, bool includeBackward)
    {
        var visited = Visited(context);
        return Connections(graph, activityId, includeBackward)
            .Select(c => visited[Key(graph, c)] is JsonValue v ? v.GetValue<bool>() : (bool?)null)
            .ToList();
    }

    private static IEnumerable<FlowConnection> Connections(FlowchartGraph graph, string activityId, bool includeBackward) =>
        includeBackward ? graph.Connections.Where(c => c.Target == activityId) : graph.ForwardInbound(activityId);

    private static void ResetInbound(ActivityContext context, FlowchartGraph graph, string activityId, bool includeBackward = false)
    {
        var visited = Visited(context);
        foreach (var connection in Connections(graph, activityId, includeBackward))
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
