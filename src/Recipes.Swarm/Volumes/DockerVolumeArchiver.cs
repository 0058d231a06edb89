using System.Formats.Tar;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// <see cref="IVolumeArchiver"/> through the Docker archive API of a helper container that is created, never
/// started: it works on a remote engine and needs no host path. The helper image only has to exist locally
/// (in production the app's own image); nothing of it runs. The bulk bytes of a whole volume go through
/// <see cref="DockerArchiveEndpoint"/>; Docker.DotNet does the rest (create, stat, path-limited exports, remove).
/// </summary>
public sealed class DockerVolumeArchiver(IDockerClient docker, DockerArchiveEndpoint archiveEndpoint, ILogger<DockerVolumeArchiver> logger) : IVolumeArchiver
{
    public const string HelperLabel = "recipeci.helper";
    private const string MountPoint = "/recipeci-volume";

    public string ArchiveRoot => MountPoint.TrimStart('/');

    public async Task ExportAsync(string volume, IReadOnlyList<string>? paths, string helperImage, Stream destination, CancellationToken cancellationToken)
    {
        var helper = await CreateHelperAsync(volume, helperImage, readOnly: true, cancellationToken);
        try
        {
            if (paths is null)
            {
                await using var stream = await archiveEndpoint.GetAsync(helper, MountPoint, cancellationToken);
                await new OverlappedCopy().CopyAsync(stream, destination, cancellationToken);
            }
            else
            {
                await ExportPathsAsync(helper, volume, paths, destination, cancellationToken);
            }
        }
        finally
        {
            await RemoveHelperAsync(helper);
        }
    }

    public async Task ImportAsync(string volume, Stream archive, string helperImage, CancellationToken cancellationToken)
    {
        var helper = await CreateHelperAsync(volume, helperImage, readOnly: false, cancellationToken);
        try
        {
            // CopyUIDGID stays off: the engine then keeps the uid/gid recorded in the tar instead of the helper's user.
            await archiveEndpoint.PutAsync(helper, "/", archive, noOverwriteDirNonDir: true, cancellationToken);
        }
        finally
        {
            await RemoveHelperAsync(helper);
        }
    }

    /// <summary>
    /// The archive API names entries after the requested folder's own name (<c>b/...</c> for <c>/x/a/b</c>), so
    /// each selected path is re-rooted under <see cref="ArchiveRoot"/> and all are joined into one tar.
    /// </summary>
    private async Task ExportPathsAsync(string helper, string volume, IReadOnlyList<string> paths, Stream destination, CancellationToken cancellationToken)
    {
        await using var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        var root = await docker.Containers.GetArchiveFromContainerAsync(helper, new ContainerPathStatParameters { Path = MountPoint }, true, cancellationToken);
        await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, ArchiveRoot + "/")
        {
            Mode = (UnixFileMode)((uint)root.Stat.Mode & 0xFFF),
            ModificationTime = root.Stat.Mtime,
        }, cancellationToken);
        foreach (var path in paths)
        {
            ContainerArchiveResponse response;
            try
            {
                response = await docker.Containers.GetArchiveFromContainerAsync(helper, new ContainerPathStatParameters { Path = $"{MountPoint}/{path}" }, false, cancellationToken);
            }
            catch (DockerContainerNotFoundException)
            {
                logger.LogWarning("Path {Path} selected by backupbot labels is not in volume {Volume}; skipped", path, volume);
                continue;
            }
            var parent = path.Contains('/') ? path[..path.LastIndexOf('/')] + "/" : "";
            await using var spool = await SpoolAsync(response.Stream, cancellationToken);
            await using var reader = new TarReader(spool);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var copy = new PaxTarEntry(entry) { Name = $"{ArchiveRoot}/{parent}{entry.Name}" };
                await writer.WriteEntryAsync(copy, cancellationToken);
            }
        }
    }

    /// <summary>
    /// TarWriter must know an entry's length before writing it to a forward-only stream, and the engine's
    /// chunked response cannot be read entry by entry reliably; so a selected path's archive is spooled to a
    /// temporary file first. Only path-limited volumes pay this extra copy.
    /// </summary>
    private static async Task<Stream> SpoolAsync(Stream? source, CancellationToken cancellationToken)
    {
        if (source is null) throw new InvalidOperationException("The engine sent no archive.");
        await using (source)
        {
            var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"recipeci-spool-{Guid.NewGuid():N}.tar"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            await source.CopyToAsync(spool, 1 << 20, cancellationToken);
            spool.Position = 0;
            return spool;
        }
    }

    private async Task<string> CreateHelperAsync(string volume, string image, bool readOnly, CancellationToken cancellationToken)
    {
        var created = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            // Never started; a command is set only because images without CMD cannot be created otherwise.
            Entrypoint = ["/recipeci-helper-never-started"],
            Cmd = [],
            Labels = new Dictionary<string, string> { [HelperLabel] = "volume-archive" },
            NetworkDisabled = true,
            HostConfig = new HostConfig
            {
                NetworkMode = "none",
                Mounts =
                [
                    // NoCopy: an empty volume must stay empty, not be seeded from the image's files at the mount point.
                    new Mount { Type = "volume", Source = volume, Target = MountPoint, ReadOnly = readOnly, VolumeOptions = new VolumeOptions { NoCopy = true } },
                ],
            },
        }, cancellationToken);
        return created.ID;
    }

    private async Task RemoveHelperAsync(string id)
    {
        // Not cancellable: a cancelled snapshot must still not leave its helper behind.
        try
        {
            await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException ex)
        {
            logger.LogWarning(ex, "Could not remove helper container {Container}", id);
        }
    }
}
