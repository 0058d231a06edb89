using Microsoft.Extensions.Logging;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// Deletes the old content of a volume after a direct restore swapped the new one in. The volume is already exact
/// then; deleting a written-back tree is bound by the file system's journal (1.9 s for 1 GiB here, the same for
/// <c>rm -rf</c>), so the restore does not wait for it. A process that ends first leaves the folder behind; the
/// next restore of that volume sweeps it (<see cref="IsRemoving"/> keeps it off folders still being deleted).
/// <see cref="WhenIdleAsync"/> waits for every deletion (shutdown, tests, the benchmark).
/// </summary>
public sealed class BackgroundTreeRemover(ILogger<BackgroundTreeRemover> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _running = new(StringComparer.Ordinal);

    public void Remove(string folder)
    {
        lock (_gate)
        {
            if (_running.ContainsKey(folder)) return;
            _running[folder] = Task.Run(() => Delete(folder));
        }
    }

    public bool IsRemoving(string folder)
    {
        lock (_gate) return _running.ContainsKey(folder);
    }

    public Task WhenIdleAsync()
    {
        lock (_gate) return Task.WhenAll(_running.Values.ToList());
    }

    private void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete {Folder}, the old content of a restored volume; delete it by hand", folder);
        }
        finally
        {
            lock (_gate) _running.Remove(folder);
        }
    }
}
