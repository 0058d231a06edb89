using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Management;

/// <summary>
/// Lays flowcharts out left to right in layers (a Sugiyama-style layout): cycles are broken at their back edges, each
/// activity goes one layer right of its furthest predecessor, a long connection gets a reserved slot in every layer it
/// crosses (written as the connection's <c>vertices</c>, which Studio draws through), and rows are ordered by their
/// predecessors' rows to keep crossings few. Positions go to <c>metadata.designer.position</c> (top-left corner, as
/// Studio stores it); sizes are kept. Nested flowcharts (loop bodies) are laid out too.
/// </summary>
public sealed class FlowchartLayout
{
    public const double LayerGap = 120;
    public const double RowGap = 60;
    public const double DefaultWidth = 200;
    public const double DefaultHeight = 50;

    /// <summary>Lays out every flowchart in the definition; with <paramref name="onlyMissing"/>, only flowcharts where an activity has no position. Returns the number of flowcharts laid out.</summary>
    public int Apply(WorkflowDefinitionDocument document, bool onlyMissing)
    {
        if (document.Root is not { } root)
            return 0;
        var count = 0;
        foreach (var flowchart in Flowcharts(root))
        {
            var activities = Activities(flowchart);
            if (activities.Count == 0 || onlyMissing && activities.All(HasPosition))
                continue;
            Layout(flowchart, activities, onlyMissing);
            count++;
        }
        return count;
    }

    /// <summary>The box Studio draws for an activity: its position and its size (0 or missing means 200x50) widened for long labels.</summary>
    public static (double X, double Y, double Width, double Height) Box(JsonObject activity)
    {
        var designer = activity["metadata"]?["designer"];
        var x = Number(designer?["position"]?["x"]);
        var y = Number(designer?["position"]?["y"]);
        var width = Number(designer?["size"]?["width"]);
        var height = Number(designer?["size"]?["height"]);
        var label = Label(activity);
        // Studio widens a node to fit its label and type line; about 8 px per character plus the icon and padding.
        var labelWidth = 8 * label.Length + 90;
        return (x, y, Math.Max(width > 0 ? width : DefaultWidth, labelWidth), height > 0 ? height : DefaultHeight);
    }

    public static IEnumerable<JsonObject> Flowcharts(JsonObject activity)
    {
        if (ActivityJson.GetString(activity, "type") == "Elsa.Flowchart")
            yield return activity;
        foreach (var (_, child) in ActivityJson.ChildActivities(activity))
            foreach (var nested in Flowcharts(child))
                yield return nested;
    }

    public static List<JsonObject> Activities(JsonObject flowchart) =>
        (flowchart["activities"] as JsonArray)?.OfType<JsonObject>().Where(a => ActivityJson.GetString(a, "id") is not null).ToList() ?? [];

    /// <summary>Connections between activities of the flowchart (source, target ids), self-loops left out.</summary>
    public static List<(string Source, string Target, JsonObject Json)> Connections(JsonObject flowchart, ISet<string> ids) =>
        (flowchart["connections"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => (Source: c["source"]?["activity"]?.GetValue<string>() ?? "", Target: c["target"]?["activity"]?.GetValue<string>() ?? "", Json: c))
            .Where(c => c.Source != c.Target && ids.Contains(c.Source) && ids.Contains(c.Target))
            .ToList() ?? [];

    private static void Layout(JsonObject flowchart, List<JsonObject> activities, bool onlyMissing)
    {
        var byId = activities.ToDictionary(a => ActivityJson.GetString(a, "id")!, StringComparer.Ordinal);
        var connections = Connections(flowchart, byId.Keys.ToHashSet(StringComparer.Ordinal));
        var graph = LayeredGraph.Build(byId.Keys.ToList(), connections.Select(c => (c.Source, c.Target)).ToList());
        var boxes = byId.ToDictionary(p => p.Key, p => Box(p.Value));
        var placed = Place(graph, boxes);
        // Keep what has a position when only filling gaps: the new ones go below everything already there.
        var keep = onlyMissing ? activities.Where(HasPosition).Select(a => ActivityJson.GetString(a, "id")!).ToHashSet() : [];
        var offsetY = keep.Count == 0 ? 0 : keep.Max(id => boxes[id].Y + boxes[id].Height) + RowGap - placed.Where(p => !keep.Contains(p.Key)).Select(p => p.Value.Y).DefaultIfEmpty(0).Min();
        foreach (var (id, (x, y)) in placed)
            if (byId.TryGetValue(id, out var activity) && !keep.Contains(id))
                SetPosition(activity, x, y + offsetY);
        if (keep.Count == 0)
            WriteVertices(connections, graph, placed, boxes);
    }

    /// <summary>Coordinates per node (dummies included): layers left to right, rows centred on y = 0.</summary>
    private static Dictionary<string, (double X, double Y)> Place(LayeredGraph graph, Dictionary<string, (double X, double Y, double Width, double Height)> boxes)
    {
        var result = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        double x = 0;
        var rowPitch = boxes.Values.Select(b => b.Height).DefaultIfEmpty(DefaultHeight).Max() + RowGap;
        foreach (var layer in graph.Layers)
        {
            var width = layer.Where(boxes.ContainsKey).Select(n => boxes[n].Width).DefaultIfEmpty(40).Max();
            for (var row = 0; row < layer.Count; row++)
                result[layer[row]] = (x, (row - (layer.Count - 1) / 2.0) * rowPitch);
            x += width + LayerGap;
        }
        return result;
    }

    private static void WriteVertices(List<(string Source, string Target, JsonObject Json)> connections, LayeredGraph graph,
        Dictionary<string, (double X, double Y)> placed, Dictionary<string, (double X, double Y, double Width, double Height)> boxes)
    {
        foreach (var (source, target, json) in connections)
        {
            var route = graph.DummiesOf(source, target);
            json["vertices"] = new JsonArray(route.Select(d => (JsonNode)new JsonObject
            {
                ["x"] = placed[d].X + 20,
                ["y"] = placed[d].Y + DefaultHeight / 2,
            }).ToArray());
        }
    }

    private static bool HasPosition(JsonObject activity) => activity["metadata"]?["designer"]?["position"] is JsonObject;

    private static void SetPosition(JsonObject activity, double x, double y)
    {
        var metadata = activity["metadata"] as JsonObject ?? (JsonObject)(activity["metadata"] = new JsonObject());
        var designer = metadata["designer"] as JsonObject ?? (JsonObject)(metadata["designer"] = new JsonObject());
        designer["position"] = new JsonObject { ["x"] = Math.Round(x), ["y"] = Math.Round(y) };
    }

    private static string Label(JsonObject activity)
    {
        var text = activity["metadata"]?["displayText"] is JsonValue v && v.TryGetValue<string>(out var d) ? d : ActivityJson.GetString(activity, "name");
        var type = ActivityJson.GetString(activity, "type") ?? "";
        return (text ?? "").Length > type.Length ? text! : type;
    }

    private static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
}
