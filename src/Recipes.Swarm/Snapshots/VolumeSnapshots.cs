using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Volumes;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Takes, verifies, lists and restores snapshots of an app's volumes. Both taking and restoring are refused
/// while the app is deployed: a running app would change the data under the archive, and a restore needs to
/// recreate volumes no container holds. Hooks are the caller's to run (<see cref="BackupHookRunner"/>).
/// Each volume travels by the transport <see cref="VolumeTransportSelector"/> picks (logged per volume): the
/// Docker archive API (<see cref="IVolumeArchiver"/>) or the host's tar on the volume folder
/// (<see cref="DirectVolumeArchiver"/>).
/// </summary>
public sealed class VolumeSnapshots(
    ISnapshotStore store,
    IVolumeArchiver archiver,
    DirectVolumeArchiver direct,
    VolumeTransportSelector transports,
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
            var transport = transports.Choose(volume);
            logger.LogInformation("Snapshot {App}/{Id}: volume {Volume} through the {Transport} transport ({Reason})", app.Value, id.Value, volume.Name, transport.Kind, transport.Reason);
            ArchiveDigest digest;
            if (transport.IsDirect)
            {
                // Durable before the manifest names it (ExportToFileAsync syncs the file).
                digest = await direct.ExportToFileAsync(volume.Name, transport.Mountpoint!, paths, draft.CreateVolumeFile(file), cancellationToken);
            }
            else
            {
                await using var target = draft.CreateVolume(file);
                await using (var digesting = new DigestingStream(target))
                {
                    await archiver.ExportAsync(volume.Name, paths, helperImage, digesting, cancellationToken);
                    await digesting.FlushAsync(cancellationToken);
                    digest = digesting.Digest();
                }
                // On disk before the manifest names it: a snapshot that survives a crash is complete.
                await target.FlushAsync(cancellationToken);
                if (target is FileStream fs) fs.Flush(flushToDisk: true);
            }
            archives.Add(new VolumeArchive(volume.ShortName, volume.Name, file, volume.Driver, volume.Options, volume.Labels, paths, digest.Size, digest.FileCount, digest.Sha256,
                transport.Kind.ToString()));
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
    /// Makes every volume of the snapshot exactly as it was, into the same app: each volume keeps its current
    /// driver, options and labels (a missing one is created as recorded). Volumes of the app that the snapshot
    /// does not hold are left alone. See <see cref="RestoreIntoAsync"/>.
    /// </summary>
    public Task<SnapshotManifest> RestoreAsync(AppName app, SnapshotId id, string helperImage, CancellationToken cancellationToken) =>
        RestoreIntoAsync(app, id, app, null, helperImage, cancellationToken);

    /// <summary>
    /// Restores snapshot <paramref name="source"/>/<paramref name="id"/> into the volumes of <paramref name="target"/>,
    /// exactly: what the snapshot lacks is gone, owners, modes, links and times are kept, and a snapshot that fails
    /// verification is refused with the volumes untouched. <paramref name="retarget"/> gives the volume (name,
    /// driver, options, labels) each archived volume goes to; null keeps the volume of the same name as it is.
    /// Direct volumes are verified in the same pass that extracts them beside the volume folder, and swapped in only
    /// when every one matches the manifest; archive-transport volumes (and volumes that must be created or
    /// redefined first) are verified before anything is touched, then recreated empty and filled through the engine.
    /// </summary>
    public async Task<SnapshotManifest> RestoreIntoAsync(AppName source, SnapshotId id, AppName target, Func<VolumeArchive, VolumeInfo>? retarget, string helperImage, CancellationToken cancellationToken)
    {
        await RefuseIfDeployedAsync(target, "restore", cancellationToken);
        var manifest = await store.FindAsync(source, id, cancellationToken) ?? throw new SnapshotException($"Snapshot {source}/{id} does not exist.");
        if (manifest.ArchiveRoot != archiver.ArchiveRoot)
            throw new SnapshotException($"Snapshot {source}/{id} was written with archive root '{manifest.ArchiveRoot}'; this version restores '{archiver.ArchiveRoot}' only.");

        var plans = new List<RestorePlan>();
        foreach (var volume in manifest.Volumes)
        {
            VolumeInfo? current;
            VolumeInfo wanted;
            if (retarget is null)
            {
                current = await volumes.FindAsync(target, volume.DockerVolume, cancellationToken);
                wanted = current ?? new VolumeInfo(volume.DockerVolume, volume.Name, volume.Driver, volume.DriverOptions, volume.Labels, null);
            }
            else
            {
                wanted = retarget(volume);
                current = await volumes.FindAsync(target, wanted.Name, cancellationToken);
            }
            var mustCreate = current is null || !SameDefinition(current, wanted);
            VolumeTransport transport;
            if (!mustCreate)
            {
                transport = transports.Choose(current!);
            }
            else
            {
                var problem = transports.PlanProblem(wanted.Driver, wanted.Options);
                if (problem is not null && transports.Configured == SnapshotTransport.Direct)
                    throw new SnapshotException($"Snapshots:Transport is Direct, but volume {wanted.Name} cannot use it: {problem} Set Snapshots:Transport to Auto or Archive.");
                transport = problem is null
                    ? new VolumeTransport(SnapshotTransport.Direct, null, "to be created")
                    : new VolumeTransport(SnapshotTransport.Archive, null, $"Auto: {problem}");
            }
            plans.Add(new RestorePlan(volume, wanted, mustCreate, transport));
        }

        // Anything that changes a volume before its bytes are checked needs the snapshot verified first.
        if (plans.Any(p => !p.Transport.IsDirect || p.MustCreate))
        {
            var verification = await verifier.VerifyAsync(source, id, cancellationToken);
            if (!verification.IsValid)
                throw new SnapshotException($"Snapshot {source}/{id} fails verification and is not restored: {string.Join(" ", verification.Problems)}");
        }

        foreach (var plan in plans.Where(p => p.Transport.IsDirect && p.MustCreate))
        {
            await RecreateAsync(source, id, plan.Wanted, cancellationToken);
            var created = await volumes.FindAsync(target, plan.Wanted.Name, cancellationToken)
                ?? throw new SnapshotException($"Restore {source}/{id}: volume {plan.Wanted.Name} vanished right after it was created.");
            plan.Transport = transports.Choose(created);
        }

        await RestoreDirectAsync(source, id, plans.Where(p => p.Transport.IsDirect).ToList(), cancellationToken);

        foreach (var plan in plans.Where(p => !p.Transport.IsDirect))
        {
            logger.LogInformation("Restore {Source}/{Id}: volume {Volume} through the {Transport} transport ({Reason})", source.Value, id.Value, plan.Wanted.Name, plan.Transport.Kind, plan.Transport.Reason);
            await RecreateAsync(source, id, plan.Wanted, cancellationToken);
            await using var archive = store.OpenVolume(source, id, plan.Archived.File);
            await archiver.ImportAsync(plan.Wanted.Name, archive, helperImage, cancellationToken);
            logger.LogInformation("Restore {Source}/{Id}: volume {Volume} restored", source.Value, id.Value, plan.Wanted.Name);
        }
        return manifest;
    }

    /// <summary>Stages every direct volume (extract + hash in one pass); swaps them in only when all match the manifest.</summary>
    private async Task RestoreDirectAsync(AppName source, SnapshotId id, IReadOnlyList<RestorePlan> plans, CancellationToken cancellationToken)
    {
        var staged = new List<StagedVolume>();
        try
        {
            foreach (var plan in plans)
            {
                logger.LogInformation("Restore {Source}/{Id}: volume {Volume} through the {Transport} transport ({Reason})", source.Value, id.Value, plan.Wanted.Name, plan.Transport.Kind, plan.Transport.Reason);
                var archived = plan.Archived;
                ArchiveDigest digest;
                try
                {
                    await using var archive = store.OpenVolume(source, id, archived.File);
                    var (volume, actual) = await direct.StageAsync(plan.Wanted.Name, plan.Transport.Mountpoint!, archive, cancellationToken);
                    staged.Add(volume);
                    digest = actual;
                }
                catch (IOException ex)
                {
                    // tar refused the bytes: say "corrupt" when the file is, rather than tar's complaint.
                    var verification = await verifier.VerifyAsync(source, id, v => v.File == archived.File, cancellationToken);
                    if (!verification.IsValid)
                        throw new SnapshotException($"Snapshot {source}/{id} fails verification and is not restored: {string.Join(" ", verification.Problems)}", ex);
                    throw;
                }
                var problems = new List<string>();
                if (digest.Size != archived.Size) problems.Add($"{archived.Name}: size {digest.Size} bytes, manifest says {archived.Size}.");
                if (!string.Equals(digest.Sha256, archived.Sha256, StringComparison.OrdinalIgnoreCase)) problems.Add($"{archived.Name}: SHA-256 {digest.Sha256}, manifest says {archived.Sha256}.");
                if (digest.FileCount != archived.FileCount) problems.Add($"{archived.Name}: {digest.FileCount} entries, manifest says {archived.FileCount}.");
                if (problems.Count > 0)
                    throw new SnapshotException($"Snapshot {source}/{id} fails verification and is not restored: {string.Join(" ", problems)}");
            }
            foreach (var volume in staged)
            {
                volume.Commit();
                logger.LogInformation("Restore {Source}/{Id}: volume {Volume} restored", source.Value, id.Value, volume.Volume);
            }
        }
        finally
        {
            foreach (var volume in staged) await volume.DisposeAsync();
        }
    }

    private async Task RecreateAsync(AppName source, SnapshotId id, VolumeInfo volume, CancellationToken cancellationToken)
    {
        try
        {
            await volumes.RecreateAsync(volume, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new SnapshotException($"Restore {source}/{id}: {ex.Message}", ex);
        }
    }

    private static bool SameDefinition(VolumeInfo current, VolumeInfo wanted) =>
        current.Driver == wanted.Driver && SameEntries(current.Options, wanted.Options) && SameEntries(current.Labels, wanted.Labels);

    private static bool SameEntries(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private async Task RefuseIfDeployedAsync(AppName app, string what, CancellationToken cancellationToken)
    {
        var state = await presence.GetAsync(app, cancellationToken);
        if (state.IsDeployed)
            throw new SnapshotException(
                $"Refusing to {what} app {app} while it is deployed ({state.Services} services, {state.RunningContainers} running containers); undeploy it first.");
    }

    /// <summary>One archived volume of a restore: where it goes, whether that volume must be (re)created, and how.</summary>
    private sealed class RestorePlan(VolumeArchive archived, VolumeInfo wanted, bool mustCreate, VolumeTransport transport)
    {
        public VolumeArchive Archived => archived;
        public VolumeInfo Wanted => wanted;
        public bool MustCreate => mustCreate;
        public VolumeTransport Transport { get; set; } = transport;
    }
}
