using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Management;

public sealed class FlowchartLayoutTests
{
    public static TheoryData<string> ShippedFlows()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryWorkflows, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedFlows))]
    public void Every_shipped_flow_is_laid_out_left_to_right_with_no_node_over_another(string file)
    {
        var document = WorkflowDefinitionDocument.Parse(File.ReadAllText(Path.Combine(RepositoryWorkflows, file)));
        AssertLaidOut(document, file);
    }

    [Fact]
    public void The_layout_separates_nodes_and_routes_long_edges_through_free_slots()
    {
        // a -> b -> c -> d, a -> d (long edge), c -> b (a cycle), a -> e: all without positions.
        var ids = new[] { "a", "b", "c", "d", "e" };
        var root = Flowchart("fc", ids.Select(id => WriteLine(id, "step " + id)),
            [Connect("a", "b"), Connect("b", "c"), Connect("c", "d"), Connect("a", "d"), Connect("c", "b"), Connect("a", "e")]);
        var document = WorkflowDefinitionDocument.Parse(Workflow(root));
        Assert.Equal(1, new FlowchartLayout().Apply(document, onlyMissing: true));
        AssertLaidOut(document, "generated");
        var longEdge = document.Root!["connections"]!.AsArray().Single(c => (string?)c!["source"]!["activity"] == "a" && (string?)c["target"]!["activity"] == "d");
        Assert.Equal(2, longEdge!["vertices"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_import_without_positions_gets_a_layout_and_one_with_positions_keeps_them()
    {
        var test = new TestHost();
        var bare = Flowchart("fc", [WriteLine("one", "1"), WriteLine("two", "2"), WriteLine("three", "3")], [Connect("one", "two"), Connect("two", "three")]);
        var stored = await test.ImportAsync(Workflow(bare, definitionId: "layout-bare"), "bare.json");
        AssertLaidOut(WorkflowDefinitionDocument.Parse(stored.Json), "bare.json");

        var placed = Flowchart("fc", [WriteLine("one", "1"), WriteLine("two", "2")], [Connect("one", "two")]);
        foreach (var (activity, x) in placed["activities"]!.AsArray().Select((a, i) => (a!.AsObject(), i * 500)))
            activity["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = 7 } } };
        stored = await test.ImportAsync(Workflow(placed, definitionId: "layout-kept"), "kept.json");
        var positions = WorkflowDefinitionDocument.Parse(stored.Json).Root!["activities"]!.AsArray()
            .Select(a => (a!["metadata"]!["designer"]!["position"]!["x"]!.GetValue<double>(), a["metadata"]!["designer"]!["position"]!["y"]!.GetValue<double>()));
        Assert.Equal([(0d, 7d), (500d, 7d)], positions);
    }

    private static void AssertLaidOut(WorkflowDefinitionDocument document, string file)
    {
        foreach (var flowchart in FlowchartLayout.Flowcharts(document.Root!))
        {
            var activities = FlowchartLayout.Activities(flowchart);
            var boxes = activities.ToDictionary(a => (string)a["id"]!, a =>
            {
                Assert.True(a["metadata"]?["designer"]?["position"] is JsonObject, $"{file}: activity {a["id"]} has no position");
                return FlowchartLayout.Box(a);
            });
            foreach (var (id, box) in boxes)
                foreach (var (other, otherBox) in boxes.Where(p => string.CompareOrdinal(p.Key, id) > 0))
                    Assert.False(Overlap(box, otherBox), $"{file}: {id} {box} overlaps {other} {otherBox}");
            var connections = FlowchartLayout.Connections(flowchart, boxes.Keys.ToHashSet());
            foreach (var (source, target, _) in connections.Where(c => !Reaches(connections, c.Target, c.Source)))
                Assert.True(boxes[source].X + boxes[source].Width < boxes[target].X, $"{file}: edge {source} -> {target} does not go left to right");
        }
    }

    private static bool Overlap((double X, double Y, double Width, double Height) a, (double X, double Y, double Width, double Height) b) =>
        a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;

    /// <summary>True when <paramref name="to"/> is reachable from <paramref name="from"/>: the edge back closes a cycle.</summary>
    private static bool Reaches(List<(string Source, string Target, JsonObject Json)> connections, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var node))
            foreach (var next in connections.Where(c => c.Source == node).Select(c => c.Target))
            {
                if (next == to)
                    return true;
                if (seen.Add(next))
                    queue.Enqueue(next);
            }
        return false;
    }

    private static string RepositoryWorkflows { get; } = Path.Combine(Path.GetDirectoryName(SampleFiles.Directory)!, "..", "..", "workflows");
}
