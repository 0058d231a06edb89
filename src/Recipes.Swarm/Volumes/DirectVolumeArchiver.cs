using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// The direct transport: the host's GNU tar on a local volume's folder (its Mountpoint), no helper container and
/// no HTTP. Its tars name entries exactly as the archive transport's (<c>recipeci-volume/</c>, then
/// <c>recipeci-volume/...</c>), with numeric owners, modes, symlinks, hard links and whole-second mtimes, so a
/// snapshot taken by either transport restores with either.
/// </summary>
public sealed partial class DirectVolumeArchiver(HostTar tar, BackgroundTreeRemover remover, ILogger<DirectVolumeArchiver> logger)
{
    /// <summary>The entry prefix, the same as <see cref="DockerVolumeArchiver"/>'s.</summary>
    public const string ArchiveRoot = "recipeci-volume";

    private const string StagingPrefix = ".recipeci-restore-";

    /// <summary>
    /// Writes the volume folder (or only <paramref name="paths"/>, relative to it) as a tar into the existing, empty
    /// <paramref name="file"/>, and syncs it to disk. tar writes the file itself (no pipe, no copy through this
    /// process) while <see cref="GrowingFileDigest"/> hashes it and counts its entries as it grows, so the hash costs
    /// no wall time beyond tar's own.
    /// </summary>
    public async Task<ArchiveDigest> ExportToFileAsync(string volume, string mountpoint, IReadOnlyList<string>? paths, string file, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(mountpoint) ?? throw new SnapshotException($"Volume {volume}: Mountpoint {mountpoint} has no parent folder.");
        var folder = Path.GetFileName(mountpoint);
        if (!FolderName().IsMatch(folder)) throw new SnapshotException($"Volume {volume}: Mountpoint {mountpoint} ends in '{folder}', which the direct transport does not handle.");
        var arguments = new List<string>
        {
            // 256-block (128 KiB) records: fewer, larger writes; the last record's zero padding (under 128 KiB) is
            // valid tar and part of the hashed file.
            "--create", $"--file={file}", "--format=gnu", "--blocking-factor=256", "--numeric-owner", "-C", parent,
            // Renames the folder to the archive root in entry names and hard-link targets, never in symlink targets (S).
            $"--transform=s,^{Regex.Escape(folder)},{ArchiveRoot},S",
        };
        if (paths is null)
        {
            arguments.Add(folder);
        }
        else
        {
            // The root entry alone, then each selected path with its contents: the archive transport's shape.
            arguments.AddRange(["--no-recursion", folder, "--recursion"]);
            foreach (var path in paths)
            {
                if (!IsInside(mountpoint, path))
                {
                    logger.LogWarning("Path {Path} selected by backupbot labels is not in volume {Volume}; skipped", path, volume);
                    continue;
                }
                arguments.Add($"{folder}/{path}");
            }
        }

        using var process = tar.Start(arguments, pipeStdin: false);
        var digest = await GrowingFileDigest.ComputeAsync(file, process.ExitedAsync(cancellationToken), cancellationToken);
        await process.WaitAsync(cancellationToken);
        await using (var synced = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            synced.Flush(flushToDisk: true);
        return digest;
    }

    /// <summary>
    /// Extracts <paramref name="archive"/> into a staging folder beside <paramref name="mountpoint"/> (same file
    /// system), hashing it in the same pass. The volume is not touched; the caller compares the digest with the
    /// manifest and then commits (swaps the staged tree in) or disposes (deletes it).
    /// </summary>
    public async Task<(StagedVolume Staged, ArchiveDigest Digest)> StageAsync(string volume, string mountpoint, Stream archive, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(mountpoint) ?? throw new SnapshotException($"Volume {volume}: Mountpoint {mountpoint} has no parent folder.");
        foreach (var leftover in Directory.EnumerateDirectories(parent, StagingPrefix + "*").Where(d => !remover.IsRemoving(d)).ToList())
        {
            logger.LogInformation("Volume {Volume}: removing {Folder}, left by an earlier restore", volume, leftover);
            Directory.Delete(leftover, recursive: true);
        }
        var staging = Path.Combine(parent, StagingPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var staged = new StagedVolume(volume, mountpoint, staging, Path.Combine(staging, ArchiveRoot), remover, logger);
        try
        {
            ArchiveDigest digest;
            using (var process = tar.Start(
                ["--extract", "--file=-", "--blocking-factor=256", "--read-full-records", "--numeric-owner", "--same-owner", "--preserve-permissions", "-C", staging], pipeStdin: true))
            {
                try
                {
                    digest = await new DigestingCopy().CopyAsync(archive, process.Pipe, cancellationToken);
                }
                catch (IOException) when (!cancellationToken.IsCancellationRequested)
                {
                    // tar stopped reading (a broken archive): its own message says more than the broken pipe.
                    process.Pipe.Dispose();
                    await process.WaitAsync(cancellationToken);
                    throw;
                }
                process.Pipe.Dispose(); // end of input
                await process.WaitAsync(cancellationToken);
            }
            // A tar without the root entry (none of ours) still restores into a folder.
            Directory.CreateDirectory(staged.Tree);
            return (staged, digest);
        }
        catch
        {
            await staged.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the old contents of restored volumes are deleted.</summary>
    public Task WhenIdleAsync() => remover.WhenIdleAsync();

    /// <summary>
    /// True when <paramref name="path"/> exists in the volume without passing through a symlink: tar follows
    /// symlinks in the middle of a member name, and a link in the app's data must never archive host files.
    /// </summary>
    private static bool IsInside(string mountpoint, string path)
    {
        var current = mountpoint;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null) return i == segments.Length - 1;
            if (!info.Exists && !Directory.Exists(current)) return false;
        }
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex FolderName();
}
