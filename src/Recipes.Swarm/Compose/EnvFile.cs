namespace Recipes.Swarm.Compose;

/// <summary>
/// Reads a dotenv file (<c>.env.sample</c>, an app's <c>.env</c>) the way abra's dotenv library does:
/// <c>KEY=value</c> lines, optional <c>export</c>, <c>#</c> comments (also after an unquoted value, as in
/// <c>SECRET_X_VERSION=v1 # length=128</c>), single quotes literal, double quotes with escapes, and <c>$VAR</c> /
/// <c>${VAR}</c> expanded from earlier lines (so <c>COMPOSE_FILE="$COMPOSE_FILE:compose.smtp.yml"</c> appends).
/// </summary>
public static class EnvFile
{
    public static IReadOnlyDictionary<string, string> Parse(string text, string fileName)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<ComposeDiagnostic>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line["export ".Length..].TrimStart();
            var equals = line.IndexOf('=');
            var key = equals > 0 ? line[..equals].Trim() : "";
            if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(key[0]))
            {
                errors.Add(new ComposeDiagnostic(fileName, n + 1, key.Length > 0 ? key : "(line)", "is not a KEY=value line"));
                continue;
            }
            try
            {
                values[key] = ParseValue(line[(equals + 1)..].Trim(), values);
            }
            catch (InterpolationException ex)
            {
                errors.Add(new ComposeDiagnostic(fileName, n + 1, key, ex.Message));
            }
        }
        if (errors.Count > 0) throw new ComposeException(errors);
        return values;
    }

    private static string ParseValue(string raw, IReadOnlyDictionary<string, string> earlier)
    {
        if (raw.StartsWith('\''))
        {
            var end = raw.IndexOf('\'', 1);
            if (end < 0) throw new InterpolationException("has an unclosed single quote");
            return raw[1..end];
        }
        if (raw.StartsWith('"'))
        {
            var value = new System.Text.StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                if (raw[i] == '"') return Expand(value.ToString(), earlier);
                if (raw[i] == '\\' && i + 1 < raw.Length)
                {
                    i++;
                    value.Append(raw[i] switch { 'n' => '\n', 't' => '\t', _ => raw[i] });
                    continue;
                }
                value.Append(raw[i]);
            }
            throw new InterpolationException("has an unclosed double quote");
        }
        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return Expand((comment >= 0 ? raw[..comment] : raw).TrimEnd(), earlier);
    }

    // Unset names expand to "" here, as in dotenv; compose files report unset variables instead.
    private static string Expand(string value, IReadOnlyDictionary<string, string> earlier) =>
        new Interpolator(earlier).Substitute(value, new List<string>());
}
