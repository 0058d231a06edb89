using System.Globalization;
using System.Text.RegularExpressions;

namespace Recipes.Swarm.Compose;

/// <summary>Memory sizes as compose writes them: <c>512M</c>, <c>1g</c>, <c>100kb</c>, <c>1024</c> (bytes); units are powers of 1024.</summary>
public static partial class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = char.ToLowerInvariant(match.Groups[2].Value.FirstOrDefault('b')) switch
        {
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            _ => 1L,
        };
        bytes = (long)(number * factor);
        return true;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([bkmgBKMG]?)[bB]?\z")]
    private static partial Regex Pattern();
}
