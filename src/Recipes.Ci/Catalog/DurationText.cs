using System.Globalization;
using System.Text.RegularExpressions;

namespace Recipes.Ci.Catalog;

/// <summary>Durations in <c>recipeci.yml</c>: whole seconds (<c>90</c>) or a number with a unit (<c>90s</c>, <c>5m</c>, <c>1h</c>).</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success) return false;
        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        duration = match.Groups[2].Value switch
        {
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
        return duration > TimeSpan.Zero && duration <= TimeSpan.FromHours(24);
    }

    [GeneratedRegex("^([0-9]{1,6})(s|m|h)?\\z")]
    private static partial Regex Pattern();
}
