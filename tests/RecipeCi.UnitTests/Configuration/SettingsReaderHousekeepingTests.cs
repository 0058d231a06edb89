using Microsoft.Extensions.Configuration;
using RecipeCi.Configuration;

namespace RecipeCi.UnitTests.Configuration;

/// <summary>Runtime:NodeId is unique per process by default; Snapshots:KeepPerRecipe and Prune:HostWide are read and validated.</summary>
public sealed class SettingsReaderHousekeepingTests
{
    private static RecipeCiSettings Read(Dictionary<string, string?> values) =>
        new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).Read();

    [Fact]
    public void The_default_node_id_names_the_host_and_the_process()
    {
        var settings = Read([]);
        Assert.EndsWith($"-{Environment.ProcessId}", settings.Runtime.NodeId);
        Assert.Matches("^[A-Za-z0-9_.-]{1,64}$", settings.Runtime.NodeId);
        Assert.Equal("node-a", Read(new() { ["Runtime:NodeId"] = "node-a" }).Runtime.NodeId);
    }

    [Fact]
    public void Snapshot_retention_and_prune_scope_have_bounded_safe_defaults()
    {
        var defaults = Read([]);
        Assert.Equal(3, defaults.SnapshotsKeepPerRecipe);
        Assert.False(defaults.PruneHostWide);
        var set = Read(new() { ["Snapshots:KeepPerRecipe"] = "5", ["Prune:HostWide"] = "true" });
        Assert.Equal(5, set.SnapshotsKeepPerRecipe);
        Assert.True(set.PruneHostWide);
        var problems = Assert.Throws<ConfigurationException>(() => Read(new() { ["Snapshots:KeepPerRecipe"] = "0", ["Prune:HostWide"] = "sometimes" }));
        Assert.Contains("Snapshots:KeepPerRecipe", problems.Message);
        Assert.Contains("Prune:HostWide", problems.Message);
    }
}
