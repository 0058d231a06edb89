using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// Copies a stream in 1 MiB blocks on three threads: one reads, one writes, one hashes (SHA-256) and counts tar
/// entries. Each block goes to the writer and the hasher at once and returns to the pool when both are done, so
/// hashing overlaps the I/O instead of sitting between a read and a write. Blocking calls on dedicated threads:
/// the ends are pipes and files, whose async forms on Linux are blocking calls on the thread pool anyway.
/// </summary>
public sealed class DigestingCopy(int blockSize = 1 << 20, int depth = 8)
{
    private sealed class Block(byte[] buffer, int count)
    {
        private int _holders = 2;
        public byte[] Buffer => buffer;
        public int Count => count;

        public void Release()
        {
            if (Interlocked.Decrement(ref _holders) == 0) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies all of <paramref name="source"/> to <paramref name="destination"/>; the digest of what was copied.</summary>
    public async Task<ArchiveDigest> CopyAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var options = new BoundedChannelOptions(depth) { SingleReader = true, SingleWriter = true };
        var toWrite = Channel.CreateBounded<Block>(options);
        var toHash = Channel.CreateBounded<Block>(options);
        var counter = new TarEntryCounter();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long length = 0;

        var reader = Run(() =>
        {
            try
            {
                while (true)
                {
                    var buffer = ArrayPool<byte>.Shared.Rent(blockSize);
                    var fill = 0;
                    int read;
                    do
                    {
                        cts.Token.ThrowIfCancellationRequested();
                        read = source.Read(buffer, fill, blockSize - fill);
                        fill += read;
                    } while (read > 0 && fill < blockSize);
                    if (fill == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        break;
                    }
                    var block = new Block(buffer, fill);
                    Post(toWrite.Writer, block, cts.Token);
                    Post(toHash.Writer, block, cts.Token);
                    if (read == 0) break;
                }
            }
            finally
            {
                toWrite.Writer.TryComplete();
                toHash.Writer.TryComplete();
            }
        }, cts);
        var writer = Run(() => Drain(toWrite.Reader, block => destination.Write(block.Buffer, 0, block.Count), cts.Token), cts);
        var hasher = Run(() => Drain(toHash.Reader, block =>
        {
            var data = block.Buffer.AsSpan(0, block.Count);
            hash.AppendData(data);
            counter.Feed(data);
            length += block.Count;
        }, cts.Token), cts);

        try
        {
            await Task.WhenAll(reader, writer, hasher);
        }
        catch
        {
            // The first real failure, not the cancellations it caused in the other two.
            var failures = new[] { reader, writer, hasher }.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            var first = failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures.FirstOrDefault();
            if (first is not null && !cancellationToken.IsCancellationRequested) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
            throw;
        }
        return new ArchiveDigest(length, counter.Entries, Convert.ToHexStringLower(hash.GetCurrentHash()));
    }

    /// <summary>A dedicated thread; its failure cancels the other two so none waits forever on a channel.</summary>
    private static Task Run(Action action, CancellationTokenSource cts) => Task.Factory.StartNew(() =>
    {
        try
        {
            action();
        }
        catch
        {
            cts.Cancel();
            throw;
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Post(ChannelWriter<Block> channel, Block block, CancellationToken cancellationToken)
    {
        if (channel.TryWrite(block)) return;
        channel.WriteAsync(block, cancellationToken).AsTask().GetAwaiter().GetResult();
    }

    private static void Drain(ChannelReader<Block> channel, Action<Block> use, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                if (!channel.TryRead(out var block))
                {
                    if (!channel.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult()) return;
                    continue;
                }
                try
                {
                    use(block);
                }
                finally
                {
                    block.Release();
                }
            }
        }
        finally
        {
            // Blocks left behind after a failure go back to the pool once both consumers let go.
            while (channel.TryRead(out var left)) left.Release();
        }
    }
}
