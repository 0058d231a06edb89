using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>
/// The graph of one flowchart: its activities, connections, start activity and which connections are backward
/// (loop) connections. Built once per definition version.
/// </summary>
public sealed class FlowchartGraph
{
    private readonly Dictionary<string, ActivityNode> _byId;
    private readonly ILookup<string, FlowConnection> _outbound;
    private readonly ILookup<string, FlowConnection> _inbound;
    private readonly HashSet<FlowConnection> _backward;

    public FlowchartGraph(ActivityNode flowchart, IReadOnlyList<ActivityNode> activities, IReadOnlyList<FlowConnection> connections)
    {
        Flowchart = flowchart;
        Activities = activities;
        _byId = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        Connections = connections.Where(c => _byId.ContainsKey(c.Source) && _byId.ContainsKey(c.Target)).ToList();
        DanglingConnections = connections.Except(Connections).ToList();
        _outbound = Connections.ToLookup(c => c.Source);
        _inbound = Connections.ToLookup(c => c.Target);
        Start = FindStart();
        _backward = FindBackwardConnections();
    }

    public ActivityNode Flowchart { get; }
    public IReadOnlyList<ActivityNode> Activities { get; }
    public IReadOnlyList<FlowConnection> Connections { get; }

    /// <summary>Connections whose source or target is not an activity of this flowchart (a validation error).</summary>
    public IReadOnlyList<FlowConnection> DanglingConnections { get; }

    /// <summary>The activity the flowchart starts with, or null when it has none.</summary>
    public ActivityNode? Start { get; }

    public ActivityNode? Find(string activityId) => _byId.GetValueOrDefault(activityId);

    public IEnumerable<FlowConnection> Outbound(string activityId) => _outbound[activityId];

    public IEnumerable<FlowConnection> ForwardInbound(string activityId) => _inbound[activityId].Where(c => !_backward.Contains(c));

    public bool IsBackward(FlowConnection connection) => _backward.Contains(connection);

    /// <summary>Activities from which <paramref name="activityId"/> can be reached along forward connections.</summary>
    public IReadOnlySet<string> Ancestors(string activityId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([activityId]);
        while (stack.Count > 0)
            foreach (var c in ForwardInbound(stack.Pop()))
                if (seen.Add(c.Source))
                    stack.Push(c.Source);
        return seen;
    }

    /// <summary>Elsa's order: the <c>start</c> property, a Start activity, a CanStartWorkflow activity, the only root, the first.</summary>
    private ActivityNode? FindStart()
    {
        if (Flowchart.Json["start"] is JsonValue v && v.TryGetValue<string>(out var startId) && _byId.TryGetValue(startId, out var byProperty))
            return byProperty;
        return Activities.FirstOrDefault(a => a.Type == "Elsa.Start")
               ?? Activities.FirstOrDefault(a => a.CanStartWorkflow)
               ?? (Activities.Where(a => !_inbound[a.Id].Any()).ToList() is [var onlyRoot] ? onlyRoot : null)
               ?? Activities.FirstOrDefault(a => !_inbound[a.Id].Any())
               ?? Activities.FirstOrDefault();
    }

    /// <summary>A depth-first walk from the start; a connection into an activity still on the walk's stack closes a loop.</summary>
    private HashSet<FlowConnection> FindBackwardConnections()
    {
        var backward = new HashSet<FlowConnection>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on stack, true: done
        var roots = (Start is null ? [] : new[] { Start }).Concat(Activities);
        foreach (var root in roots)
        {
            if (state.ContainsKey(root.Id))
                continue;
            var stack = new Stack<(string Id, IEnumerator<FlowConnection> Edges)>();
            state[root.Id] = false;
            stack.Push((root.Id, Outbound(root.Id).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (id, edges) = stack.Peek();
                if (!edges.MoveNext())
                {
                    state[id] = true;
                    stack.Pop();
                    continue;
                }
                var edge = edges.Current;
                if (!state.TryGetValue(edge.Target, out var done))
                {
                    state[edge.Target] = false;
                    stack.Push((edge.Target, Outbound(edge.Target).GetEnumerator()));
                }
                else if (!done)
                {
                    backward.Add(edge);
                }
            }
        }
        return backward;
    }
}
