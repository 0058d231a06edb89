using System.Globalization;
using System.Text.RegularExpressions;

namespace RecipeCi.Bench;

/// <summary>Parses sizes such as <c>1GiB</c>, <c>512MiB</c>, <c>100MB</c>, <c>4096</c> (bytes).</summary>
public static partial class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success) return false;
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1d,
            "KB" => 1e3, "MB" => 1e6, "GB" => 1e9,
            "KIB" => 1024d, "MIB" => 1024d * 1024, "GIB" => 1024d * 1024 * 1024,
            _ => 0,
        };
        bytes = (long)(number * factor);
        return factor > 0 && bytes > 0;
    }

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)\\s*([KMG]i?B|B)?\\z", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
