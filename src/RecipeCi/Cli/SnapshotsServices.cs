using Docker.DotNet;
using RecipeCi.Configuration;
using RecipeCi.Hosting;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Housekeeping;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace RecipeCi.Cli;

/// <summary>
/// The services of the snapshot, prune and snapshot-bench commands, composed by <see cref="RecipeCiHost"/> as serve's
/// are; no hosted service starts (they read no database). Logs are warnings only, on stderr, so stdout stays clean.
/// </summary>
public sealed class SnapshotsServices : IAsyncDisposable
{
    private readonly CommandServices _services;

    private SnapshotsServices(CommandServices services) => _services = services;

    public IDockerClient Docker => _services.Get<IDockerClient>();
    public SnapshotOptions SnapshotOptions => _services.Get<SnapshotOptions>();
    public DockerArchiveEndpoint ArchiveEndpoint => _services.Get<DockerArchiveEndpoint>();
    public DirectVolumeArchiver Direct => _services.Get<DirectVolumeArchiver>();
    public VolumeTransportSelector Transports => _services.Get<VolumeTransportSelector>();
    public AppVolumes Volumes => _services.Get<AppVolumes>();
    public VolumeSnapshots Snapshots => _services.Get<VolumeSnapshots>();
    public Housekeeper Housekeeper => _services.Get<Housekeeper>();

    /// <summary>
    /// Throws <see cref="ConfigurationException"/> on bad configuration. The overrides (the snapshot bench's own folder
    /// and transport) come last, so they win over the configuration.
    /// </summary>
    public static async Task<SnapshotsServices> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken,
        string? snapshotsRootOverride = null, SnapshotTransport? transportOverride = null)
    {
        var builder = RecipeCiHost.CreateCommandBuilder(configurationArgs);
        var overrides = new Dictionary<string, string?>();
        if (snapshotsRootOverride is not null) overrides["Snapshots:Root"] = snapshotsRootOverride;
        if (transportOverride is { } transport) overrides["Snapshots:Transport"] = transport.ToString();
        builder.Configuration.AddInMemoryCollection(overrides);
        var settings = builder.AddRecipeCiSettings();
        builder.Logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter((category, level) => level >= LogLevel.Warning)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddRecipeCiDomain(settings.RecipeCi, withInstances: false);
        return new SnapshotsServices(await CommandServices.StartAsync(builder, settings, [], cancellationToken));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
