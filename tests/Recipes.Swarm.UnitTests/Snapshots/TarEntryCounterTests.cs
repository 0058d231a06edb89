using System.Formats.Tar;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.UnitTests.Snapshots;

public sealed class TarEntryCounterTests
{
    [Theory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public async Task Counts_entries_fed_in_odd_chunks_without_counting_metadata_records(TarEntryFormat format)
    {
        using var tar = new MemoryStream();
        var longName = string.Join('/', Enumerable.Repeat("a-rather-long-folder-name", format == TarEntryFormat.Ustar ? 3 : 12)) + "/file";
        await using (var writer = new TarWriter(tar, format, leaveOpen: true))
        {
            await writer.WriteEntryAsync(Entry(format, TarEntryType.Directory, "root/"));
            await writer.WriteEntryAsync(Entry(format, TarEntryType.RegularFile, "root/empty"));
            var data = Entry(format, TarEntryType.RegularFile, "root/" + longName);
            data.DataStream = new MemoryStream(new byte[1000]);
            await writer.WriteEntryAsync(data);
            var link = Entry(format, TarEntryType.SymbolicLink, "root/link");
            link.LinkName = longName;
            await writer.WriteEntryAsync(link);
        }

        var counter = new TarEntryCounter();
        var bytes = tar.ToArray();
        for (var i = 0; i < bytes.Length; i += 333) counter.Feed(bytes.AsSpan(i, Math.Min(333, bytes.Length - i)));

        Assert.Equal(4, counter.Entries);
    }

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name) => format switch
    {
        TarEntryFormat.Pax => new PaxTarEntry(type, name),
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        _ => new UstarTarEntry(type, name),
    };
}
