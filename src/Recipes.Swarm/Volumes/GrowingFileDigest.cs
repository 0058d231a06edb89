using System.Security.Cryptography;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// The digest (SHA-256, size, tar entries) of a file that another process is still writing: reads what has been
/// written so far, waits a moment when it has caught up, and ends at the end of the file once the writer has exited.
/// Reading back from the page cache and hashing take about half of tar's own time, so the digest is ready a moment
/// after tar ends.
/// </summary>
public static class GrowingFileDigest
{
    private const int BlockSize = 1 << 20;
    private static readonly TimeSpan CatchUpPause = TimeSpan.FromMilliseconds(2);

    public static async Task<ArchiveDigest> ComputeAsync(string file, Task writerExited, CancellationToken cancellationToken)
    {
        var counter = new TarEntryCounter();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = GC.AllocateUninitializedArray<byte>(BlockSize);
        long length = 0;
        using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        while (true)
        {
            // Looked at before the read: once the writer has exited, a read that finds nothing more is the end.
            var exited = writerExited.IsCompleted;
            var read = RandomAccess.Read(handle, buffer, length);
            if (read > 0)
            {
                hash.AppendData(buffer, 0, read);
                counter.Feed(buffer.AsSpan(0, read));
                length += read;
                continue;
            }
            if (exited) break;
            await Task.WhenAny(writerExited, Task.Delay(CatchUpPause, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
        return new ArchiveDigest(length, counter.Entries, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }
}
