using System.Text;

namespace Recipes.Swarm.Snapshots;

/// <summary>
/// Counts the entries (files, directories, links) of a tar stream fed to it chunk by chunk, so a snapshot can
/// record its file count while the bytes stream to disk, without a second read. Only headers are parsed; data
/// blocks are skipped. Metadata records (PAX 'x'/'g', GNU long name 'L'/'K') are not entries; a PAX
/// <c>size</c> record (files over 8 GiB) overrides the size of the entry that follows it.
/// </summary>
public sealed class TarEntryCounter
{
    private const int BlockSize = 512;
    private const int MaxPaxHeader = 1 << 20;

    private readonly byte[] _header = new byte[BlockSize];
    private int _headerFill;
    private long _skip;
    private MemoryStream? _pax;
    private long? _paxSize;

    public long Entries { get; private set; }

    public void Feed(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, data.Length);
                if (_pax is not null && _pax.Length < MaxPaxHeader) _pax.Write(data[..n]);
                _skip -= n;
                data = data[n..];
                if (_skip == 0 && _pax is not null) EndPaxHeader();
                continue;
            }
            var take = Math.Min(BlockSize - _headerFill, data.Length);
            data[..take].CopyTo(_header.AsSpan(_headerFill));
            _headerFill += take;
            data = data[take..];
            if (_headerFill == BlockSize)
            {
                _headerFill = 0;
                OnHeader(_header);
            }
        }
    }

    private void OnHeader(ReadOnlySpan<byte> header)
    {
        if (header.IndexOfAnyExcept((byte)0) < 0) return; // end-of-archive (and padding) blocks
        var type = (char)header[156];
        var size = _paxSize ?? ParseSize(header.Slice(124, 12));
        _paxSize = null;
        if (type is '1' or '2' or '3' or '4' or '5' or '6') size = 0; // links, devices, dirs, fifos carry no data
        _skip = (size + BlockSize - 1) / BlockSize * BlockSize;
        switch (type)
        {
            case 'x':
                _pax = new MemoryStream();
                if (_skip == 0) EndPaxHeader();
                break;
            case 'g' or 'L' or 'K':
                break;
            default:
                Entries++;
                break;
        }
    }

    private void EndPaxHeader()
    {
        var text = Encoding.UTF8.GetString(_pax!.GetBuffer(), 0, (int)_pax.Length);
        _pax = null;
        // Records are "<length> <key>=<value>\n".
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space < 0) continue;
            var record = line[(space + 1)..];
            if (record.StartsWith("size=", StringComparison.Ordinal) && long.TryParse(record.AsSpan(5), out var size))
                _paxSize = size;
        }
    }

    private static long ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            // GNU base-256: big-endian two's complement, first byte's top bit is the marker.
            long value = field[0] & 0x7F;
            for (var i = 1; i < field.Length; i++) value = (value << 8) | field[i];
            return value;
        }
        var trimmed = field.Trim((byte)0).Trim((byte)' ');
        long result = 0;
        foreach (var b in trimmed)
        {
            if (b is < (byte)'0' or > (byte)'7') throw new InvalidDataException("Malformed tar header: size is not octal.");
            result = result * 8 + (b - '0');
        }
        return result;
    }
}
