using System.Text.RegularExpressions;

namespace Recipes.Ci.Secrets;

/// <summary>
/// How abra generates one secret, from the comment after its <c>SECRET_&lt;KEY&gt;_VERSION=</c> line in
/// <c>.env.sample</c>: <c># length=N</c> gives N random characters from <see cref="Charset"/> (<c>charset=hex</c>,
/// <c>charset=special-chars</c>; alphanumeric by default); no length gives a random passphrase;
/// <c># generate=false</c> means the operator supplies the value (here: <c>Recipes:TestsRoot/&lt;recipe&gt;/secrets/&lt;key&gt;</c>).
/// </summary>
public sealed partial record SecretHint(int? Length, string Charset, bool Generate)
{
    public static readonly SecretHint Default = new(null, SecretGenerator.Alphanumeric, true);

    /// <summary>The hints of every <c>SECRET_*_VERSION</c> line of an <c>.env.sample</c>, by variable name.</summary>
    /// <exception cref="SecretException">A hint that cannot be honoured, named with its line.</exception>
    public static IReadOnlyDictionary<string, SecretHint> ReadAll(string envSample, string fileName)
    {
        var hints = new Dictionary<string, SecretHint>(StringComparer.Ordinal);
        var lines = envSample.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            if (VersionLine().Match(lines[n]) is not { Success: true } match) continue;
            hints[match.Groups["name"].Value] = Parse(match.Groups["comment"].Value, $"{fileName} line {n + 1}");
        }
        return hints;
    }

    private static SecretHint Parse(string comment, string where)
    {
        var hint = Default;
        foreach (Match option in Option().Matches(comment))
        {
            var (key, value) = (option.Groups["key"].Value, option.Groups["value"].Value);
            hint = key switch
            {
                "length" when int.TryParse(value, out var length) && length is > 0 and <= 4096 => hint with { Length = length },
                "length" => throw new SecretException($"{where}: 'length={value}' is not a length from 1 to 4096."),
                "charset" when SecretGenerator.IsKnownCharset(value) => hint with { Charset = value },
                "charset" => throw new SecretException(
                    $"{where}: 'charset={value}' is unknown; use one of {string.Join(", ", SecretGenerator.Charsets)}."),
                "generate" => hint with { Generate = !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) },
                _ => hint,
            };
        }
        return hint;
    }

    [GeneratedRegex("^\\s*(?:export\\s+)?(?<name>SECRET_[A-Z0-9_]+_VERSION)=[^#]*(?:#(?<comment>.*))?$")]
    private static partial Regex VersionLine();

    [GeneratedRegex("(?<key>[a-z]+)=(?<value>[^\\s]+)")]
    private static partial Regex Option();
}
