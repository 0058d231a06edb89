using System.Text.Json.Nodes;
using Snapshooter;
using Snapshooter.Xunit;
using Workflows.Core.Definitions;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Definitions;

public sealed class RoundTripTests
{
    public static TheoryData<string> Samples() => new(Directory.GetFiles(SampleFiles.Directory, "*.json").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_then_written_is_the_same_json(string file)
    {
        var original = SampleFiles.Read(file);
        var written = WorkflowDefinitionDocument.Parse(original).ToJsonString();
        Assert.True(JsonNode.DeepEquals(WorkflowJson.Parse(original), JsonNode.Parse(written)), $"{file} changed in a round trip");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Normalized_sample_matches_snapshot(string file)
    {
        var document = WorkflowDefinitionDocument.Parse(SampleFiles.Read(file));
        document.Normalize();
        Snapshot.Match(document.ToJsonString(), SnapshotNameExtension.Create(file));
    }

    [Fact]
    public void Normalize_fills_missing_node_ids_like_elsa_and_keeps_unknown_keys()
    {
        var document = WorkflowDefinitionDocument.Parse(SampleFiles.Read("probe-loop.json"));
        Assert.True(document.Normalize());
        Assert.Equal("Workflow1:Flowchart1", document.Root!["nodeId"]!.GetValue<string>());
        var activity = document.Root["activities"]!.AsArray().First(a => a!["id"]!.GetValue<string>() == "WriteLine1")!;
        Assert.Equal("Workflow1:Flowchart1:WriteLine1", activity["nodeId"]!.GetValue<string>());
        Assert.True(activity.AsObject().ContainsKey("source"));
        Assert.NotNull(document.Root["applicationProperties"]);
        Assert.False(document.Normalize());
    }

    [Fact]
    public void Existing_node_ids_are_kept()
    {
        var document = WorkflowDefinitionDocument.Parse(SampleFiles.Read("first-wins-join.json"));
        var before = document.Root!.ToJsonString();
        document.Normalize();
        Assert.Equal(before, document.Root!.ToJsonString());
    }
}
