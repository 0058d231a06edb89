using Docker.DotNet;
using RecipeCi.Configuration;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace RecipeCi.Cli;

/// <summary>
/// Composition root of the snapshot, prune and snapshot-bench commands: configuration read like <c>serve</c>
/// reads it (environment <c>RECIPECI_*</c>, then configuration flags), logs on stderr so stdout stays clean.
/// </summary>
public sealed class SnapshotsServices : IDisposable
{
    private SnapshotsServices(RecipeCiSettings settings, string snapshotsRoot, SnapshotTransport transport)
    {
        Settings = settings;
        Logs = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter((category, level) => level >= LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        Docker = new DockerClientFactory(settings.Docker).Create();
        SnapshotOptions = new SnapshotOptions(snapshotsRoot, transport);
        Store = new FileSnapshotStore(SnapshotOptions, Logs.CreateLogger<FileSnapshotStore>());
        ArchiveEndpoint = new DockerArchiveEndpoint(settings.Docker);
        Archiver = new DockerVolumeArchiver(Docker, ArchiveEndpoint, Logs.CreateLogger<DockerVolumeArchiver>());
        Tar = new HostTar();
        Direct = new DirectVolumeArchiver(Tar, new BackgroundTreeRemover(Logs.CreateLogger<BackgroundTreeRemover>()), Logs.CreateLogger<DirectVolumeArchiver>());
        Transports = new VolumeTransportSelector(SnapshotOptions, settings.Docker, Tar);
        Presence = new AppPresence(Docker);
        Volumes = new AppVolumes(Docker);
        Verifier = new SnapshotVerifier(Store);
        Snapshots = new VolumeSnapshots(Store, Archiver, Direct, Transports, Volumes, Presence, Verifier, TimeProvider.System, Logs.CreateLogger<VolumeSnapshots>());
        Pruner = new DockerPruner(Docker, new DockerBuildCache(settings.Docker), Presence, Store, TimeProvider.System, Logs.CreateLogger<DockerPruner>());
        Housekeeper = new Housekeeper(new DiskMonitor(Docker, SnapshotOptions), Pruner, Logs.CreateLogger<Housekeeper>());
    }

    public RecipeCiSettings Settings { get; }
    public ILoggerFactory Logs { get; }
    public IDockerClient Docker { get; }
    public SnapshotOptions SnapshotOptions { get; }
    public FileSnapshotStore Store { get; }
    public DockerArchiveEndpoint ArchiveEndpoint { get; }
    public DockerVolumeArchiver Archiver { get; }
    public HostTar Tar { get; }
    public DirectVolumeArchiver Direct { get; }
    public VolumeTransportSelector Transports { get; }
    public AppPresence Presence { get; }
    public AppVolumes Volumes { get; }
    public SnapshotVerifier Verifier { get; }
    public VolumeSnapshots Snapshots { get; }
    public DockerPruner Pruner { get; }
    public Housekeeper Housekeeper { get; }

    /// <summary>Throws <see cref="ConfigurationException"/> on bad configuration.</summary>
    public static SnapshotsServices Create(IReadOnlyList<string> configurationArgs, string? snapshotsRootOverride = null, SnapshotTransport? transportOverride = null)
    {
        var configuration = CliConfiguration.Build(configurationArgs);
        var settings = new SettingsReader(configuration).Read();
        return new SnapshotsServices(settings, snapshotsRootOverride ?? settings.Paths.SnapshotsRoot, transportOverride ?? settings.SnapshotTransport);
    }

    public void Dispose()
    {
        Docker.Dispose();
        ArchiveEndpoint.Dispose();
        Logs.Dispose();
    }
}
