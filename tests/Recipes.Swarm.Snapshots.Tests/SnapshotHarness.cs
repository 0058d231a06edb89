using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;
using TestKit;

namespace Recipes.Swarm.Snapshots.Tests;

/// <summary>The snapshot machinery wired to the real engine, with a temporary snapshots root and tracked Docker objects.</summary>
public sealed class SnapshotHarness : IAsyncDisposable
{
    private readonly TempFolder _root = new("snaproot");
    private readonly DockerArchiveEndpoint _archiveEndpoint = new(new DockerOptions(TestEnvironment.DockerEndpoint));

    /// <param name="transport">Snapshots:Transport; Archive unless a test is about the transports.</param>
    public SnapshotHarness(DockerFixture docker, IVolumeArchiver? archiver = null, SnapshotTransport transport = SnapshotTransport.Archive)
    {
        Docker = docker;
        Resources = docker.Track();
        Shell = new VolumeShell(docker, Resources);
        Options = new SnapshotOptions(_root.Path, transport);
        Store = new FileSnapshotStore(Options, NullLogger<FileSnapshotStore>.Instance);
        Archiver = new DockerVolumeArchiver(docker.Client, _archiveEndpoint, NullLogger<DockerVolumeArchiver>.Instance);
        Presence = new AppPresence(docker.Client);
        Volumes = new AppVolumes(docker.Client);
        Policies = new BackupPolicyReader(docker.Client);
        Hooks = new BackupHookRunner(docker.Client, Policies, NullLogger<BackupHookRunner>.Instance);
        Direct = new DirectVolumeArchiver(new HostTar(), new BackgroundTreeRemover(NullLogger<BackgroundTreeRemover>.Instance), NullLogger<DirectVolumeArchiver>.Instance);
        Transports = new VolumeTransportSelector(Options, new DockerOptions(TestEnvironment.DockerEndpoint), new HostTar());
        Snapshots = new VolumeSnapshots(Store, archiver ?? Archiver, Direct, Transports, Volumes, Presence, new SnapshotVerifier(Store), TimeProvider.System, NullLogger<VolumeSnapshots>.Instance);
    }

    public DockerFixture Docker { get; }
    public DockerResources Resources { get; }
    public VolumeShell Shell { get; }
    public string Root => _root.Path;
    public SnapshotOptions Options { get; }
    public VolumeTransportSelector Transports { get; }
    public DirectVolumeArchiver Direct { get; }
    public FileSnapshotStore Store { get; }
    public DockerVolumeArchiver Archiver { get; }
    public AppPresence Presence { get; }
    public AppVolumes Volumes { get; }
    public BackupPolicyReader Policies { get; }
    public BackupHookRunner Hooks { get; }
    public VolumeSnapshots Snapshots { get; }

    /// <summary>A fresh app name, tracked so its stack objects and volumes are removed at the end.</summary>
    public AppName NewApp(string purpose) => AppName.Parse(Resources.Stack(UniqueName.For(purpose)));

    /// <summary>Creates <c>&lt;app&gt;_&lt;name&gt;</c> labelled like a stack volume.</summary>
    public async Task<string> CreateVolumeAsync(AppName app, string name, string role = "run")
    {
        var volume = Resources.Volume($"{app.Value}_{name}");
        await Docker.Client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = volume,
            Labels = new Dictionary<string, string>
            {
                [Labels.StackNamespace] = app.Value,
                [Labels.App] = app.Value,
                [Labels.Role] = role,
            },
        });
        return volume;
    }

    /// <summary>The volume as the engine sees it now, read back through the archive API.</summary>
    public async Task<SortedDictionary<string, TreeEntry>> ReadVolumeAsync(string volume)
    {
        using var buffer = new MemoryStream();
        await Archiver.ExportAsync(volume, null, Docker.Image, buffer, CancellationToken.None);
        buffer.Position = 0;
        return await VolumeTree.ReadAsync(buffer);
    }

    public async Task<SortedDictionary<string, TreeEntry>> ReadSnapshotAsync(SnapshotManifest manifest, string volume)
    {
        var file = manifest.Volumes.Single(v => v.Name == volume).File;
        await using var stream = Store.OpenVolume(AppName.Parse(manifest.App), SnapshotId.Parse(manifest.Id), file);
        return await VolumeTree.ReadAsync(stream);
    }

    public async ValueTask DisposeAsync()
    {
        await Direct.WhenIdleAsync(); // old contents of restored volumes, before their volumes go
        await Resources.DisposeAsync();
        _archiveEndpoint.Dispose();
        _root.Dispose();
    }
}
