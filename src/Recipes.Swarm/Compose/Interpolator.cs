namespace Recipes.Swarm.Compose;

/// <summary>
/// Compose-spec variable interpolation over one string: <c>${VAR}</c>, <c>$VAR</c>, <c>${VAR:-default}</c> (unset or
/// empty), <c>${VAR-default}</c> (unset), <c>${VAR:?error}</c>, <c>${VAR?error}</c>, <c>${VAR:+alt}</c>, <c>${VAR+alt}</c>
/// and <c>$$</c> for a literal dollar. Defaults may nest (<c>${A:-${B}}</c>). A <c>$</c> followed by anything else
/// is an error, as in docker compose, so a shell <c>$?</c> in a command must be written <c>$$?</c>.
/// </summary>
public sealed class Interpolator(IReadOnlyDictionary<string, string> variables)
{
    /// <summary>Returns <paramref name="text"/> with variables substituted; names of unset variables used without a default go to <paramref name="unset"/>.</summary>
    public string Substitute(string text, ICollection<string> unset)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$') { result.Append(c); i++; continue; }
            if (i + 1 >= text.Length) throw Invalid(text, "a '$' at the end (write '$$' for a literal dollar)");
            var next = text[i + 1];
            if (next == '$') { result.Append('$'); i += 2; continue; }
            if (next == '{')
            {
                var close = FindClosingBrace(text, i + 2);
                if (close < 0) throw Invalid(text, "an unclosed '${'");
                result.Append(Braced(text, text[(i + 2)..close], unset));
                i = close + 1;
                continue;
            }
            if (IsNameStart(next))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end])) end++;
                result.Append(Lookup(text[(i + 1)..end], unset));
                i = end;
                continue;
            }
            throw Invalid(text, $"'${next}' (write '$$' for a literal dollar)");
        }
        return result.ToString();
    }

    private string Braced(string text, string inner, ICollection<string> unset)
    {
        var nameEnd = 0;
        if (inner.Length == 0 || !IsNameStart(inner[0])) throw Invalid(text, $"'${{{inner}}}' does not start with a variable name");
        while (nameEnd < inner.Length && IsNamePart(inner[nameEnd])) nameEnd++;
        var name = inner[..nameEnd];
        var rest = inner[nameEnd..];
        if (rest.Length == 0) return Lookup(name, unset);

        var colon = rest.StartsWith(':');
        var op = colon ? (rest.Length > 1 ? rest[1] : '\0') : rest[0];
        var argument = rest[(colon ? 2 : 1)..];
        var isSet = variables.TryGetValue(name, out var value);
        // With a colon, an empty value counts as missing.
        var present = isSet && (!colon || value!.Length > 0);
        switch (op)
        {
            case '-':
                return present ? value! : Substitute(argument, unset);
            case '+':
                return present ? Substitute(argument, unset) : "";
            case '?':
                if (present) return value!;
                var message = Substitute(argument, unset);
                throw new InterpolationException(
                    $"required variable {name} is {(isSet ? "empty" : "not set")}" + (message.Length > 0 ? $": {message}" : ""));
            default:
                throw Invalid(text, $"'${{{inner}}}' has an unknown modifier '{rest}'");
        }
    }

    private string Lookup(string name, ICollection<string> unset)
    {
        if (variables.TryGetValue(name, out var value)) return value;
        unset.Add(name);
        return "";
    }

    /// <summary>The index of the '}' closing a '${' whose content starts at <paramref name="start"/>, counting nested '${'.</summary>
    private static int FindClosingBrace(string text, int start)
    {
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$') { i++; continue; }
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{') { depth++; i++; continue; }
            if (text[i] == '}' && --depth == 0) return i;
        }
        return -1;
    }

    private static InterpolationException Invalid(string text, string problem) =>
        new($"invalid interpolation in \"{text}\": {problem}");

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
