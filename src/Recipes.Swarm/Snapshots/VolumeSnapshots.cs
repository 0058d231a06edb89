using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Volumes;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Takes, verifies, lists and restores snapshots of an app's volumes. Both taking and restoring are refused
/// while the app is deployed: a running app would change the data under the archive, and a restore needs to
/// recreate volumes no container holds. Hooks are the caller's to run (<see cref="BackupHookRunner"/>).
/// </summary>
public sealed class VolumeSnapshots(
    ISnapshotStore store,
    IVolumeArchiver archiver,
    AppVolumes volumes,
    AppPresence presence,
    SnapshotVerifier verifier,
    TimeProvider time,
    ILogger<VolumeSnapshots> logger)
{
    /// <summary>
    /// Snapshots the app's volumes selected by <paramref name="policy"/> (<see cref="BackupPolicy.Everything"/>
    /// when null; read it with <see cref="BackupPolicyReader"/> while the app is still deployed).
    /// <paramref name="helperImage"/> must exist on the engine; the app's own image is a good choice.
    /// </summary>
    public async Task<SnapshotManifest> TakeAsync(AppName app, string helperImage, BackupPolicy? policy, CancellationToken cancellationToken)
    {
        await RefuseIfDeployedAsync(app, "snapshot", cancellationToken);
        policy ??= BackupPolicy.Everything;
        var selected = (await volumes.ListAsync(app, cancellationToken)).Where(v => policy.Includes(v.ShortName)).ToList();
        var id = SnapshotId.New(time.GetUtcNow());
        var started = time.GetTimestamp();

        await using var draft = store.Begin(app, id);
        var archives = new List<VolumeArchive>();
        foreach (var volume in selected)
        {
            var file = SnapshotFileName.ForVolume(volume.ShortName);
            var paths = policy.PathsOf(volume.ShortName);
            ArchiveDigest digest;
            await using (var target = draft.CreateVolume(file))
            {
                await using var digesting = new DigestingStream(target);
                await archiver.ExportAsync(volume.Name, paths, helperImage, digesting, cancellationToken);
                await digesting.FlushAsync(cancellationToken);
                digest = digesting.Digest();
                // On disk before the manifest names it: a snapshot that survives a crash is complete.
                if (target is FileStream fs) fs.Flush(flushToDisk: true);
            }
            archives.Add(new VolumeArchive(volume.ShortName, volume.Name, file, volume.Driver, volume.Options, volume.Labels, paths, digest.Size, digest.FileCount, digest.Sha256));
            logger.LogInformation("Snapshot {App}/{Id}: volume {Volume} archived, {Bytes} bytes, {Entries} entries", app.Value, id.Value, volume.Name, digest.Size, digest.FileCount);
        }
        var manifest = new SnapshotManifest(SnapshotManifest.CurrentFormat, app.Value, id.Value, time.GetUtcNow(), archiver.ArchiveRoot, archives);
        await draft.CommitAsync(manifest, cancellationToken);
        logger.LogInformation("Snapshot {App}/{Id} taken in {Elapsed}", app.Value, id.Value, time.GetElapsedTime(started));
        return manifest;
    }

    public Task<SnapshotVerification> VerifyAsync(AppName app, SnapshotId id, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(app, id, cancellationToken);

    public Task<IReadOnlyList<SnapshotManifest>> ListAsync(AppName? app, CancellationToken cancellationToken) =>
        store.ListAsync(app, cancellationToken);

    /// <summary>
    /// Makes every volume of the snapshot exactly as it was: verifies the snapshot first (and refuses it when
    /// it fails), recreates each volume empty with its current (else recorded) driver, options and labels,
    /// then extracts the tar. Volumes of the app that the snapshot does not hold are left alone.
    /// </summary>
    public async Task<SnapshotManifest> RestoreAsync(AppName app, SnapshotId id, string helperImage, CancellationToken cancellationToken)
    {
        await RefuseIfDeployedAsync(app, "restore", cancellationToken);
        var verification = await verifier.VerifyAsync(app, id, cancellationToken);
        if (!verification.IsValid)
            throw new SnapshotException($"Snapshot {app}/{id} fails verification and is not restored: {string.Join(" ", verification.Problems)}");
        var manifest = await store.FindAsync(app, id, cancellationToken) ?? throw new SnapshotException($"Snapshot {app}/{id} does not exist.");
        if (manifest.ArchiveRoot != archiver.ArchiveRoot)
            throw new SnapshotException($"Snapshot {app}/{id} was written with archive root '{manifest.ArchiveRoot}'; this version restores '{archiver.ArchiveRoot}' only.");

        foreach (var volume in manifest.Volumes)
        {
            var current = await volumes.FindAsync(app, volume.DockerVolume, cancellationToken);
            var target = current ?? new VolumeInfo(volume.DockerVolume, volume.Name, volume.Driver, volume.DriverOptions, volume.Labels, null);
            try
            {
                await volumes.RecreateAsync(target, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                throw new SnapshotException($"Restore {app}/{id}: {ex.Message}", ex);
            }
            await using var archive = store.OpenVolume(app, id, volume.File);
            await archiver.ImportAsync(volume.DockerVolume, archive, helperImage, cancellationToken);
            logger.LogInformation("Restore {App}/{Id}: volume {Volume} restored", app.Value, id.Value, volume.DockerVolume);
        }
        return manifest;
    }

    private async Task RefuseIfDeployedAsync(AppName app, string what, CancellationToken cancellationToken)
    {
        var state = await presence.GetAsync(app, cancellationToken);
        if (state.IsDeployed)
            throw new SnapshotException(
                $"Refusing to {what} app {app} while it is deployed ({state.Services} services, {state.RunningContainers} running containers); undeploy it first.");
    }
}
