using Recipes.Swarm.Snapshots;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

[Trait("Category", "Services")]
public sealed class SnapshotRestoreTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private const string Seed = """
        cd /volume
        mkdir -p dir/sub empty
        echo one > a.txt
        echo two > dir/b.txt
        head -c 300000 /dev/urandom > dir/sub/blob
        ln -s a.txt link
        chmod 640 a.txt
        chmod 750 dir/sub
        chown 1234:5678 dir/b.txt
        touch -d '2020-01-02 03:04:05' dir/b.txt
        touch -d '2019-05-06 07:08:09' empty
        """;

    private const string Mutate = """
        cd /volume
        echo changed >> a.txt
        rm dir/b.txt
        echo new > new.txt
        chown 42:43 new.txt
        chmod 600 dir/sub/blob
        ln -sfn dir/sub/blob link
        touch -d '2011-01-01 00:00:00' a.txt
        mkdir -p deep/er/st
        echo x > deep/er/st/f
        rmdir empty
        """;

    [Fact]
    public async Task Restore_makes_the_volume_identical_to_the_snapshot_after_edits_deletes_adds_modes_links_and_times()
    {
        await using var h = new SnapshotHarness(docker);
        var app = h.NewApp("exact");
        var volume = await h.CreateVolumeAsync(app, "data");
        await h.Shell.RunAsync(volume, Seed);
        var before = await h.ReadVolumeAsync(volume);

        var manifest = await h.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);

        var archived = Assert.Single(manifest.Volumes);
        Assert.Equal("data", archived.Name);
        Assert.Equal(volume, archived.DockerVolume);
        Assert.Equal("run", archived.Labels["recipeci.role"]);
        Assert.Equal(before.Count, archived.FileCount);
        Assert.Empty(VolumeTree.Differences(before, await h.ReadSnapshotAsync(manifest, "data")));

        await h.Shell.RunAsync(volume, Mutate);
        var changed = await h.ReadVolumeAsync(volume);
        Assert.NotEmpty(VolumeTree.Differences(before, changed));

        await h.Snapshots.RestoreAsync(app, SnapshotId.Parse(manifest.Id), docker.Image, CancellationToken.None);

        var after = await h.ReadVolumeAsync(volume);
        Assert.Empty(VolumeTree.Differences(before, after));
        Assert.Equal(1234, after["recipeci-volume/dir/b.txt"].Uid);
        Assert.Equal("a.txt", after["recipeci-volume/link"].LinkName);
        Assert.Equal(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds(), after["recipeci-volume/dir/b.txt"].MTime);
        Assert.DoesNotContain("recipeci-volume/new.txt", after.Keys);
        Assert.DoesNotContain("recipeci-volume/deep", after.Keys);
        var listed = await h.Snapshots.ListAsync(app, CancellationToken.None);
        Assert.Equal(manifest.Id, Assert.Single(listed).Id);
    }

    [Fact]
    public async Task A_corrupted_snapshot_fails_verification_and_is_not_restored()
    {
        await using var h = new SnapshotHarness(docker);
        var app = h.NewApp("corrupt");
        var volume = await h.CreateVolumeAsync(app, "data");
        await h.Shell.RunAsync(volume, Seed);
        var manifest = await h.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);
        var id = SnapshotId.Parse(manifest.Id);
        Assert.True((await h.Snapshots.VerifyAsync(app, id, CancellationToken.None)).IsValid);

        await h.Shell.RunAsync(volume, Mutate);
        var mutated = await h.ReadVolumeAsync(volume);
        var tar = Path.Combine(h.Root, app.Value, manifest.Id, manifest.Volumes[0].File);
        await using (var file = new FileStream(tar, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Position = file.Length / 2;
            var b = file.ReadByte();
            file.Position = file.Length / 2;
            file.WriteByte((byte)(b ^ 0x01));
        }

        var verification = await h.Snapshots.VerifyAsync(app, id, CancellationToken.None);
        Assert.False(verification.IsValid);
        Assert.Contains(verification.Problems, p => p.Contains("SHA-256", StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<SnapshotException>(() => h.Snapshots.RestoreAsync(app, id, docker.Image, CancellationToken.None));
        Assert.Contains("fails verification", refused.Message, StringComparison.Ordinal);
        Assert.Empty(VolumeTree.Differences(mutated, await h.ReadVolumeAsync(volume)));
    }
}
