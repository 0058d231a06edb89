using Recipes.Swarm.Volumes;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

[Trait("Category", "Services")]
public sealed class AtomicSnapshotTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    /// <summary>Archives the first volume for real, then fails half-way through the second.</summary>
    private sealed class FailingSecondVolume(IVolumeArchiver inner) : IVolumeArchiver
    {
        private int _calls;

        public string ArchiveRoot => inner.ArchiveRoot;

        public async Task ExportAsync(string volume, IReadOnlyList<string>? paths, string helperImage, Stream destination, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                await inner.ExportAsync(volume, paths, helperImage, destination, cancellationToken);
                return;
            }
            await destination.WriteAsync(new byte[4096], cancellationToken);
            throw new IOException("disk went away");
        }

        public Task ImportAsync(string volume, Stream archive, string helperImage, CancellationToken cancellationToken) =>
            inner.ImportAsync(volume, archive, helperImage, cancellationToken);
    }

    [Fact]
    public async Task A_snapshot_that_fails_half_way_leaves_no_snapshot_folder_behind()
    {
        await using var plain = new SnapshotHarness(docker);
        await using var h = new SnapshotHarness(docker, new FailingSecondVolume(plain.Archiver));
        var app = h.NewApp("atomic");
        await h.Shell.RunAsync(await h.CreateVolumeAsync(app, "a"), "echo a > /volume/a");
        await h.Shell.RunAsync(await h.CreateVolumeAsync(app, "b"), "echo b > /volume/b");

        await Assert.ThrowsAsync<IOException>(() => h.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None));

        Assert.False(Directory.Exists(Path.Combine(h.Root, app.Value)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(h.Root, ".incomplete")));
        Assert.Empty(await h.Snapshots.ListAsync(app, CancellationToken.None));

        var good = await plain.Snapshots.TakeAsync(app, docker.Image, null, CancellationToken.None);
        var folder = Path.Combine(plain.Root, app.Value, good.Id);
        Assert.Equal(["a.tar", "b.tar", "manifest.json"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(folder), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(f)));
    }
}
