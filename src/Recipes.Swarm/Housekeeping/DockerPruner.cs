using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Recipes.Swarm.Volumes;

namespace Recipes.Swarm.Housekeeping;

/// <summary>
/// The prune guard: removes stopped containers and dangling images recipeci labelled (every one on the host only when
/// <see cref="PruneOptions.HostWide"/>), unused build cache (host-wide only), run volumes of dead apps and snapshots
/// beyond retention, and never a canonical or warm volume, an unlabelled volume, a referenced snapshot, or a volume
/// helper of a snapshot in progress. A dry run lists the same set without removing.
/// </summary>
public sealed class DockerPruner(
    IDockerClient docker,
    DockerBuildCache buildCache,
    AppPresence presence,
    ISnapshotStore snapshots,
    TimeProvider time,
    ILogger<DockerPruner> logger)
{
    public async Task<PruneReport> PruneAsync(PruneOptions options, CancellationToken cancellationToken)
    {
        var kept = new List<KeptItem>();
        var containers = await PruneContainersAsync(options, kept, cancellationToken);
        var (images, imageBytes) = options.Scope is null ? await PruneImagesAsync(options, cancellationToken) : ([], 0L);
        var cache = options.Scope is null && options.HostWide
            ? options.DryRun ? await buildCache.ReclaimableAsync(cancellationToken) : await buildCache.PruneAsync(cancellationToken)
            : new BuildCachePruneResult(0, 0);
        var volumes = await PruneVolumesAsync(options, kept, cancellationToken);
        var (deletedSnapshots, snapshotBytes) = await PruneSnapshotsAsync(options, kept, cancellationToken);
        var drafts = snapshots.SweepAbandoned(PruneOptions.AbandonedDraftAge, options.DryRun);

        var report = new PruneReport(options.DryRun, containers, images, cache.Entries, volumes, deletedSnapshots, drafts, kept, imageBytes + cache.SpaceReclaimed + snapshotBytes);
        logger.LogInformation(
            "Prune{DryRun}: {Containers} containers, {Images} images, {Cache} build cache entries, {Volumes} volumes, {Snapshots} snapshots; {Kept} kept on purpose",
            options.DryRun ? " (dry run)" : "", containers.Count, images.Count, cache.Entries, volumes.Count, deletedSnapshots.Count, kept.Count);
        return report;
    }

    private async Task<List<string>> PruneContainersAsync(PruneOptions options, List<KeptItem> kept, CancellationToken cancellationToken)
    {
        var stopped = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["status"] = new Dictionary<string, bool> { ["exited"] = true, ["created"] = true, ["dead"] = true },
            },
        }, cancellationToken);
        var removed = new List<string>();
        foreach (var container in stopped)
        {
            var name = container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID;
            var labels = container.Labels ?? new Dictionary<string, string>();
            var stack = labels.TryGetValue(Labels.StackNamespace, out var s) ? s : null;
            if (!options.InScope(name) && (stack is null || !options.InScope(stack))) continue;
            if (!options.HostWide && !PruneOptions.IsOwn(labels)) continue;
            if (labels.ContainsKey(DockerVolumeArchiver.HelperLabel))
            {
                // Created, never started, on purpose: a snapshot or restore is using it right now.
                kept.Add(new KeptItem("container", name, "volume helper in use"));
                continue;
            }
            if (stack is not null && stack.StartsWith("warm-", StringComparison.Ordinal))
            {
                kept.Add(new KeptItem("container", name, "warm or canonical app"));
                continue;
            }
            if (!options.DryRun && !await TryAsync(() => docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters(), cancellationToken)))
                continue;
            removed.Add(name);
        }
        return removed;
    }

    private async Task<(List<string>, long)> PruneImagesAsync(PruneOptions options, CancellationToken cancellationToken)
    {
        var dangling = new Dictionary<string, IDictionary<string, bool>> { ["dangling"] = new Dictionary<string, bool> { ["true"] = true } };
        if (!options.HostWide)
            return await PruneOwnImagesAsync(dangling, options.DryRun, cancellationToken);
        if (options.DryRun)
        {
            var images = await docker.Images.ListImagesAsync(new ImagesListParameters { Filters = dangling }, cancellationToken);
            var unused = images.Where(i => i.Containers <= 0).ToList();
            return (unused.Select(i => i.ID).ToList(), unused.Sum(i => i.Size));
        }
        var pruned = await docker.Images.PruneImagesAsync(new ImagesPruneParameters { Filters = dangling }, cancellationToken);
        return ((pruned.ImagesDeleted ?? []).Select(d => d.Deleted ?? d.Untagged).Where(d => d is not null).Select(d => d!).ToList(), (long)pruned.SpaceReclaimed);
    }

    /// <summary>Dangling images with a recipeci label, one by one: Docker's prune filters cannot match any of several labels.</summary>
    private async Task<(List<string>, long)> PruneOwnImagesAsync(Dictionary<string, IDictionary<string, bool>> dangling, bool dryRun, CancellationToken cancellationToken)
    {
        var images = await docker.Images.ListImagesAsync(new ImagesListParameters { Filters = dangling }, cancellationToken);
        var removed = new List<string>();
        long bytes = 0;
        foreach (var image in images.Where(i => i.Containers <= 0 && PruneOptions.IsOwn(i.Labels)))
        {
            if (!dryRun && !await TryAsync(() => docker.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters(), cancellationToken)))
                continue;
            removed.Add(image.ID);
            bytes += image.Size;
        }
        return (removed, bytes);
    }

    private async Task<List<string>> PruneVolumesAsync(PruneOptions options, List<KeptItem> kept, CancellationToken cancellationToken)
    {
        var response = await docker.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Labels.Role}=run"] = true } },
        }, cancellationToken);
        var removed = new List<string>();
        var now = time.GetUtcNow();
        foreach (var volume in response.Volumes ?? [])
        {
            if (!options.InScope(volume.Name)) continue;
            // The filter already asked for role=run; the guard re-checks, since deleting data is not undoable.
            var reason = VolumeGuard.ProtectionReason(volume.Labels, out var app);
            if (reason is not null || app is null)
            {
                kept.Add(new KeptItem("volume", volume.Name, reason ?? "no app"));
                continue;
            }
            if (DateTimeOffset.TryParse(volume.CreatedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created)
                && now - created < options.MinimumVolumeAge)
            {
                kept.Add(new KeptItem("volume", volume.Name, "created moments ago; its app may be deploying"));
                continue;
            }
            if ((await presence.GetAsync(app, cancellationToken)).IsLive)
            {
                kept.Add(new KeptItem("volume", volume.Name, $"app {app} is live"));
                continue;
            }
            if (!options.DryRun && !await TryAsync(() => docker.Volumes.RemoveAsync(volume.Name, false, cancellationToken)))
            {
                kept.Add(new KeptItem("volume", volume.Name, "in use by a container"));
                continue;
            }
            removed.Add(volume.Name);
        }
        return removed;
    }

    private async Task<(List<string>, long)> PruneSnapshotsAsync(PruneOptions options, List<KeptItem> kept, CancellationToken cancellationToken)
    {
        var all = (await snapshots.ListAsync(null, cancellationToken)).Where(s => options.InScope(s.App)).ToList();
        var expired = SnapshotRetention.Expired(all, options.KeepSnapshotsPerApp, options.ReferencedSnapshots);
        var referenced = options.ReferencedSnapshots.Select(r => r.Value).ToHashSet(StringComparer.Ordinal);
        kept.AddRange(all.Where(s => referenced.Contains(s.Id)).Select(s => new KeptItem("snapshot", $"{s.App}/{s.Id}", "referenced")));
        var removed = new List<string>();
        long bytes = 0;
        foreach (var snapshot in expired)
        {
            if (!options.DryRun) await snapshots.DeleteAsync(AppName.Parse(snapshot.App), SnapshotId.Parse(snapshot.Id), cancellationToken);
            removed.Add($"{snapshot.App}/{snapshot.Id}");
            bytes += snapshot.Volumes.Sum(v => v.Size);
        }
        return (removed, bytes);
    }

    /// <summary>False when the engine refuses (in use, gone meanwhile); a prune goes on with the rest.</summary>
    private async Task<bool> TryAsync(Func<Task> remove)
    {
        try
        {
            await remove();
            return true;
        }
        catch (DockerApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
        {
            logger.LogInformation("Prune skipped an object the engine would not remove: {Message}", ex.Message);
            return false;
        }
    }
}
