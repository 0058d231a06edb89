using Microsoft.Extensions.Logging;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// A restored volume tree waiting beside the volume's folder. <see cref="Commit"/> swaps it in: one atomic
/// exchange (renameat2 RENAME_EXCHANGE) of the staged tree and the Mountpoint, so the folder is never missing and
/// the staged root entry's own mode, owner and mtime become the Mountpoint's; the old content then lies in the
/// staging folder and goes with it. Disposing deletes the staging folder: at once when nothing was committed,
/// else through <see cref="BackgroundTreeRemover"/> (the volume is exact already).
/// </summary>
public sealed class StagedVolume(string volume, string mountpoint, string staging, string tree, BackgroundTreeRemover remover, ILogger logger) : IAsyncDisposable
{
    private bool _committed;

    /// <summary>The staged tree: the archive's root entry.</summary>
    public string Tree => tree;

    public string Volume => volume;

    public void Commit()
    {
        if (!Libc.TryExchange(tree, mountpoint, out var errno))
        {
            // No RENAME_EXCHANGE (old kernel, some file systems): two renames, the folder missing between them.
            logger.LogDebug("renameat2 RENAME_EXCHANGE failed with errno {Errno}; swapping {Volume} with two renames", errno, volume);
            var old = Path.Combine(staging, "old");
            Directory.Move(mountpoint, old);
            Directory.Move(tree, mountpoint);
        }
        _committed = true;
    }

    public ValueTask DisposeAsync()
    {
        if (_committed)
        {
            remover.Remove(staging);
            return ValueTask.CompletedTask;
        }
        try
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete the restore staging folder {Folder} of volume {Volume}; delete it by hand", staging, volume);
        }
        return ValueTask.CompletedTask;
    }
}
