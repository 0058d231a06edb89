namespace Workflows.Core.Management;

/// <summary>
/// The layering behind <see cref="FlowchartLayout"/>: back edges of cycles reversed, longest-path layers, a dummy node
/// per layer a long edge crosses, and rows ordered by the barycentre of their predecessors (a few down/up sweeps).
/// </summary>
public sealed class LayeredGraph
{
    private readonly Dictionary<(string, string), List<string>> _dummies = [];

    private LayeredGraph(List<List<string>> layers) => Layers = layers;

    /// <summary>Node ids per layer, left to right, each layer in row order (dummies are named <c>~n</c>).</summary>
    public List<List<string>> Layers { get; }

    /// <summary>The dummy nodes a connection passes through, in order (empty for adjacent layers and back edges).</summary>
    public IReadOnlyList<string> DummiesOf(string source, string target) => _dummies.GetValueOrDefault((source, target)) ?? [];

    public static LayeredGraph Build(List<string> nodes, List<(string Source, string Target)> edges)
    {
        var forward = WithoutBackEdges(nodes, edges);
        var layerOf = LongestPathLayers(nodes, forward);
        var layers = Enumerable.Range(0, layerOf.Values.DefaultIfEmpty(0).Max() + 1).Select(_ => new List<string>()).ToList();
        foreach (var node in nodes)
            layers[layerOf[node]].Add(node);
        var graph = new LayeredGraph(layers);
        var links = new List<(string From, string To)>();
        var counter = 0;
        foreach (var (source, target) in forward.Distinct())
        {
            var previous = source;
            var route = new List<string>();
            for (var layer = layerOf[source] + 1; layer < layerOf[target]; layer++)
            {
                var dummy = $"~{counter++}";
                layers[layer].Add(dummy);
                route.Add(dummy);
                links.Add((previous, dummy));
                previous = dummy;
            }
            links.Add((previous, target));
            graph._dummies[(source, target)] = route;
        }
        graph.OrderRows(links);
        return graph;
    }

    /// <summary>Depth-first from the roots in document order; an edge into a node still on the stack closes a cycle and is dropped.</summary>
    private static List<(string Source, string Target)> WithoutBackEdges(List<string> nodes, List<(string Source, string Target)> edges)
    {
        var outgoing = nodes.ToDictionary(n => n, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var (source, target) in edges)
            outgoing[source].Add(target);
        var hasIncoming = edges.Select(e => e.Target).ToHashSet(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var back = new HashSet<(string, string)>();
        void Visit(string node)
        {
            state[node] = 1;
            foreach (var next in outgoing[node])
                if (!state.TryGetValue(next, out var s))
                    Visit(next);
                else if (s == 1)
                    back.Add((node, next));
            state[node] = 2;
        }
        foreach (var root in nodes.Where(n => !hasIncoming.Contains(n)).Concat(nodes))
            if (!state.ContainsKey(root))
                Visit(root);
        return edges.Where(e => !back.Contains(e)).ToList();
    }

    private static Dictionary<string, int> LongestPathLayers(List<string> nodes, List<(string Source, string Target)> edges)
    {
        var layer = nodes.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var indegree = nodes.ToDictionary(n => n, n => edges.Count(e => e.Target == n), StringComparer.Ordinal);
        var ready = new Queue<string>(nodes.Where(n => indegree[n] == 0));
        while (ready.TryDequeue(out var node))
            foreach (var (_, target) in edges.Where(e => e.Source == node))
            {
                layer[target] = Math.Max(layer[target], layer[node] + 1);
                if (--indegree[target] == 0)
                    ready.Enqueue(target);
            }
        return layer;
    }

    /// <summary>Barycentre sweeps: each row takes the mean row of its neighbours in the layer before (down) or after (up).</summary>
    private void OrderRows(List<(string From, string To)> links)
    {
        for (var sweep = 0; sweep < 4; sweep++)
        {
            var down = sweep % 2 == 0;
            var range = down ? Enumerable.Range(1, Layers.Count - 1) : Enumerable.Range(0, Layers.Count - 1).Reverse();
            foreach (var i in range)
            {
                var neighbours = Layers[down ? i - 1 : i + 1];
                var rowOf = neighbours.Select((n, r) => (n, r)).ToDictionary(p => p.n, p => (double)p.r, StringComparer.Ordinal);
                var current = Layers[i];
                var keyed = current.Select((n, r) =>
                {
                    var rows = links.Where(l => down ? l.To == n : l.From == n).Select(l => down ? l.From : l.To)
                        .Where(rowOf.ContainsKey).Select(m => rowOf[m]).ToList();
                    return (Node: n, Key: rows.Count == 0 ? r : rows.Average(), Row: r);
                }).OrderBy(k => k.Key).ThenBy(k => k.Row).Select(k => k.Node).ToList();
                Layers[i] = keyed;
            }
        }
    }
}
