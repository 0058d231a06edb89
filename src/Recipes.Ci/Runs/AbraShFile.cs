using System.Text.RegularExpressions;

namespace Recipes.Ci.Runs;

/// <summary>
/// Reads the variables a recipe's <c>abra.sh</c> sets, without ever running it: the literal top-level
/// <c>export NAME=value</c> and <c>NAME=value</c> lines (mostly config versions, <c>export APP_ENTRYPOINT_VERSION=v4</c>),
/// as abra merges them into the app's env before it deploys. Everything else is shell and is skipped: lines inside
/// function bodies, and values that would need a shell to compute (<c>$VAR</c>, <c>$(...)</c>, backquotes).
/// A value may be quoted ('v4' or "v4"); an unquoted value ends at the first blank (a trailing <c># comment</c>).
/// </summary>
public static partial class AbraShFile
{
    public const string FileName = "abra.sh";

    /// <summary>The variables of <paramref name="recipeDirectory"/>/abra.sh; none when the recipe has no abra.sh.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string recipeDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(recipeDirectory, FileName);
        return File.Exists(path) ? Parse(await File.ReadAllTextAsync(path, cancellationToken)) : new Dictionary<string, string>();
    }

    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var depth = 0;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (depth == 0 && Assignment().Match(line) is { Success: true } match && Literal(match.Groups["value"].Value) is { } value)
                values[match.Groups["name"].Value] = value;
            // Function bodies ({ ... }) hold commands, not the recipe's settings: track their depth, ignoring quoted text.
            depth = Math.Max(0, depth + Braces(line));
        }
        return values;
    }

    // The value as the shell would assign it, or null when that needs expansion (only literal text is taken).
    private static string? Literal(string value)
    {
        if (value.Length >= 2 && value[0] == '\'' && value.IndexOf('\'', 1) is var end && end > 0)
            return Rest(value[(end + 1)..]) ? value[1..end] : null;
        if (value.Length >= 2 && value[0] == '"' && value.IndexOf('"', 1) is var close && close > 0)
        {
            var inner = value[1..close];
            return Rest(value[(close + 1)..]) && inner.IndexOfAny(['$', '`', '\\']) < 0 ? inner : null;
        }
        var word = value.Split([' ', '\t'], 2)[0];
        if (word.IndexOfAny(['$', '`', '\\', '\'', '"', '(', ')', ';', '&', '|', '<', '>']) >= 0) return null;
        return Rest(value[word.Length..]) ? word : null;
    }

    // After the value only blanks or a comment may follow (not a second command such as "X=1; rm ...").
    private static bool Rest(string rest) => rest.Trim() is var r && (r.Length == 0 || r.StartsWith('#'));

    private static int Braces(string line)
    {
        var count = 0;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q) { if (c == q) quote = null; continue; }
            if (c is '\'' or '"') quote = c;
            else if (c == '#') break;
            else if (c == '{') count++;
            else if (c == '}') count--;
        }
        return count;
    }

    [GeneratedRegex("^(?:export[ \\t]+)?(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>.*)$")]
    private static partial Regex Assignment();
}
