using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.UnitTests.Snapshots;

public sealed class BackupLabelsTests
{
    [Fact]
    public void Parses_exclusions_paths_and_hooks()
    {
        var policy = BackupLabels.Parse("app", new Dictionary<string, string>
        {
            ["backupbot.backup"] = "true",
            ["backupbot.backup.volumes.cache"] = "false",
            ["backupbot.backup.volumes.data"] = "true",
            ["backupbot.backup.volumes.files.path"] = "/a, b/c/,./d",
            ["backupbot.backup.pre-hook"] = "pg_dump > /x",
            ["backupbot.restore.post-hook"] = "psql < /x",
        });

        Assert.False(policy.Includes("cache"));
        Assert.True(policy.Includes("data"));
        Assert.Null(policy.PathsOf("data"));
        Assert.Equal(["a", "b/c", "d"], policy.PathsOf("files"));
        Assert.Equal("pg_dump > /x", policy.Hooks.BackupPre);
        Assert.Null(policy.Hooks.BackupPost);
        Assert.Equal("psql < /x", policy.Hooks.RestorePost);
    }

    [Theory]
    [InlineData("/../etc")]
    [InlineData("a/../../b")]
    [InlineData(" , ")]
    public void Refuses_paths_that_leave_the_volume_or_name_nothing(string value)
    {
        Assert.Throws<BackupPolicyException>(() => BackupLabels.Parse("app", new Dictionary<string, string> { ["backupbot.backup.volumes.files.path"] = value }));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("")]
    public void Snapshot_ids_cannot_traverse_paths(string value) => Assert.False(SnapshotId.TryParse(value, out _));

    [Fact]
    public void New_snapshot_ids_sort_by_time()
    {
        var earlier = SnapshotId.New(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var later = SnapshotId.New(new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero));
        Assert.True(earlier.CompareTo(later) < 0);
        Assert.StartsWith("20260102T030405000Z-", earlier.Value, StringComparison.Ordinal);
    }
}
