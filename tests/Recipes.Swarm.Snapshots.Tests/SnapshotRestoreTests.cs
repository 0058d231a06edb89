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

    [Theory]
    [InlineData(SnapshotTransport.Archive)]
    [InlineData(SnapshotTransport.Direct)]
    public async Task Restore_makes_the_volume_identical_to_the_snapshot_after_edits_deletes_adds_modes_links_and_times(SnapshotTransport transport)
    {
        await using var h = new SnapshotHarness(docker, transport: transport);
        var app = h.NewApp("exact");
        var volume = await h.CreateVolumeAsync(app, "data");
        await h.Shell.RunAsync(volume, Seed);
        var before = await h.ReadVolumeAsync(volume);

        var manifest = await h.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);

        var archived = Assert.Single(manifest.Volumes);
        Assert.Equal(transport.ToString(), archived.Transport);
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

    [Theory]
    [InlineData(SnapshotTransport.Archive)]
    [InlineData(SnapshotTransport.Direct)]
    public async Task A_corrupted_snapshot_fails_verification_and_is_not_restored(SnapshotTransport transport)
    {
        await using var h = new SnapshotHarness(docker, transport: transport);
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
        var folder = (await h.Volumes.FindAsync(app, volume, CancellationToken.None))!.Mountpoint!;
        Assert.Equal(["_data"], Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(folder)!).Select(Path.GetFileName)); // no staging left
    }

    [Theory]
    [InlineData(SnapshotTransport.Archive, SnapshotTransport.Direct)]
    [InlineData(SnapshotTransport.Direct, SnapshotTransport.Archive)]
    public async Task A_snapshot_taken_by_one_transport_restores_exactly_with_the_other(SnapshotTransport takeWith, SnapshotTransport restoreWith)
    {
        await using var taker = new SnapshotHarness(docker, transport: takeWith);
        var app = taker.NewApp("cross");
        var volume = await taker.CreateVolumeAsync(app, "data");
        await taker.Shell.RunAsync(volume, Seed + "\nln dir/sub/blob hard\nchown 7:8 /volume\nchmod 710 /volume\ntouch -d '2018-03-04 05:06:07' /volume");
        var before = await taker.ReadVolumeAsync(volume);
        var manifest = await taker.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);
        Assert.Equal(takeWith.ToString(), Assert.Single(manifest.Volumes).Transport);
        await taker.Shell.RunAsync(volume, Mutate + "\nchown 0:0 /volume\nchmod 755 /volume");

        // The restoring side reads the same snapshots root through a store of its own.
        var id = SnapshotId.Parse(manifest.Id);
        await using var restorer = new SnapshotHarness(docker, transport: restoreWith);
        var copy = Path.Combine(restorer.Root, app.Value, manifest.Id);
        CopyFolder(Path.Combine(taker.Root, app.Value, manifest.Id), copy);
        await restorer.Snapshots.RestoreAsync(app, id, docker.Image, CancellationToken.None);

        var after = await taker.ReadVolumeAsync(volume);
        Assert.Empty(VolumeTree.Differences(before, after));
        Assert.Equal(7, after["recipeci-volume"].Uid);
        Assert.Equal((UnixFileMode)Convert.ToInt32("710", 8), after["recipeci-volume"].Mode);
        Assert.Equal("recipeci-volume/dir/sub/blob", HardLinkTarget(after));
    }

    [Fact]
    public async Task Auto_takes_the_direct_transport_for_a_local_volume_here_and_the_archive_transport_when_configured()
    {
        await using var auto = new SnapshotHarness(docker, transport: SnapshotTransport.Auto);
        var app = auto.NewApp("auto");
        var volume = await auto.CreateVolumeAsync(app, "data");
        await auto.Shell.RunAsync(volume, Seed);
        var info = (await auto.Volumes.FindAsync(app, volume, CancellationToken.None))!;

        var chosen = auto.Transports.Choose(info);
        Assert.Equal(SnapshotTransport.Direct, chosen.Kind);
        Assert.Equal(info.Mountpoint, chosen.Mountpoint);
        var direct = await auto.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);
        Assert.Equal("Direct", Assert.Single(direct.Volumes).Transport);

        await using var forced = new SnapshotHarness(docker, transport: SnapshotTransport.Archive);
        Assert.Equal(SnapshotTransport.Archive, forced.Transports.Choose(info).Kind);
        var archive = await forced.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);
        Assert.Equal("Archive", Assert.Single(archive.Volumes).Transport);
        Assert.Empty(VolumeTree.Differences(await auto.ReadSnapshotAsync(direct, "data"), await forced.ReadSnapshotAsync(archive, "data")));
    }

    [Fact]
    public async Task A_volume_the_direct_transport_cannot_serve_goes_through_the_archive_under_Auto_and_is_refused_under_Direct()
    {
        await using var auto = new SnapshotHarness(docker, transport: SnapshotTransport.Auto);
        var app = auto.NewApp("tmpfs");
        var volume = auto.Resources.Volume($"{app.Value}_data");
        // The local driver with options mounts the device only while a container uses the volume: its folder is not the data.
        await docker.Client.Volumes.CreateAsync(new global::Docker.DotNet.Models.VolumesCreateParameters
        {
            Name = volume,
            DriverOpts = new Dictionary<string, string> { ["type"] = "tmpfs", ["device"] = "tmpfs" },
            Labels = new Dictionary<string, string> { ["com.docker.stack.namespace"] = app.Value, ["recipeci.app"] = app.Value, ["recipeci.role"] = "run" },
        });
        var info = (await auto.Volumes.FindAsync(app, volume, CancellationToken.None))!;
        var chosen = auto.Transports.Choose(info);
        Assert.Equal(SnapshotTransport.Archive, chosen.Kind);
        Assert.Contains("options", chosen.Reason, StringComparison.Ordinal);

        await using var direct = new SnapshotHarness(docker, transport: SnapshotTransport.Direct);
        var refused = await Assert.ThrowsAsync<SnapshotException>(() => direct.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None));
        Assert.Contains("cannot use it: the local driver has options", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Snapshots:Transport is Direct", refused.Message, StringComparison.Ordinal);
    }

    private static string? HardLinkTarget(IReadOnlyDictionary<string, TreeEntry> tree) =>
        tree.TryGetValue("recipeci-volume/hard", out var hard) && hard.Type == System.Formats.Tar.TarEntryType.HardLink ? hard.LinkName : null;

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
