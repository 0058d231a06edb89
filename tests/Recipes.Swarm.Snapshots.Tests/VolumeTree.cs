using System.Formats.Tar;
using System.Security.Cryptography;

namespace Recipes.Swarm.Snapshots.Tests;

/// <summary>One tar entry as compared between a snapshot and a restored volume. Times are whole seconds, as the engine's tars carry them.</summary>
public sealed record TreeEntry(string Name, TarEntryType Type, UnixFileMode Mode, int Uid, int Gid, long MTime, string? LinkName, string? Sha256);

/// <summary>The entries of a tar (a snapshot file, or a volume read back through the archive API), by name.</summary>
public static class VolumeTree
{
    public static async Task<SortedDictionary<string, TreeEntry>> ReadAsync(Stream tar)
    {
        var result = new SortedDictionary<string, TreeEntry>(StringComparer.Ordinal);
        await using var reader = new TarReader(tar, leaveOpen: true);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            string? hash = null;
            if (entry.DataStream is not null)
            {
                hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(entry.DataStream));
            }
            var type = entry.EntryType == TarEntryType.V7RegularFile ? TarEntryType.RegularFile : entry.EntryType;
            var name = entry.Name.TrimEnd('/');
            result[name] = new TreeEntry(name, type, entry.Mode, entry.Uid, entry.Gid, entry.ModificationTime.ToUnixTimeSeconds(),
                string.IsNullOrEmpty(entry.LinkName) ? null : entry.LinkName, hash);
        }
        return result;
    }

    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, TreeEntry> expected, IReadOnlyDictionary<string, TreeEntry> actual)
    {
        var diffs = new List<string>();
        foreach (var (name, e) in expected)
        {
            if (!actual.TryGetValue(name, out var a)) diffs.Add($"missing {name}");
            else if (a != e) diffs.Add($"differs {name}: expected {e}, actual {a}");
        }
        diffs.AddRange(actual.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"extra {k}"));
        return diffs;
    }
}
