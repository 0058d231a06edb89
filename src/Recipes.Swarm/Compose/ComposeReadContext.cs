using System.Globalization;

namespace Recipes.Swarm.Compose;

/// <summary>
/// Shared by the readers that turn the merged tree into the typed model: collects errors and warnings (each with
/// file, line and key path) and converts scalars, so a bad value is reported and reading goes on to find the next.
/// </summary>
public sealed class ComposeReadContext(bool unsupportedKeysAreErrors)
{
    public List<ComposeDiagnostic> Errors { get; } = [];

    public List<ComposeDiagnostic> Warnings { get; } = [];

    public void Error(ComposeNode node, string path, string message) => Errors.Add(new(node.File, node.Line, path, message));

    public void Warn(ComposeNode node, string path, string message) => Warnings.Add(new(node.File, node.Line, path, message));

    /// <summary>Visits each entry of <paramref name="map"/>: known keys go to <paramref name="read"/>, others are reported by name.</summary>
    public void ForEachKey(MappingNode map, string path, IReadOnlySet<string> supported, Action<string, ComposeNode, string> read)
    {
        foreach (var (key, value) in map.Entries)
        {
            var keyPath = $"{path}.{key}";
            if (supported.Contains(key)) read(key, value, keyPath);
            else if (key.StartsWith("x-", StringComparison.Ordinal)) continue; // compose-spec extension fields are ignored by design
            else if (unsupportedKeysAreErrors) Error(value, keyPath, $"key '{key}' is not supported by recipeci");
            else Warn(value, keyPath, $"key '{key}' is not supported by recipeci and is ignored");
        }
    }

    public MappingNode? Mapping(ComposeNode node, string path)
    {
        if (node is MappingNode map) return map;
        if (node is ScalarNode { Value: null }) return new MappingNode(node.File, node.Line, []);
        Error(node, path, "must be a mapping");
        return null;
    }

    public string? String(ComposeNode node, string path)
    {
        if (node is ScalarNode { Value: { } value }) return value;
        Error(node, path, node is ScalarNode ? "must not be empty" : "must be a string");
        return null;
    }

    public bool? Bool(ComposeNode node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (text is "true" or "True" or "TRUE" or "yes") return true;
        if (text is "false" or "False" or "FALSE" or "no") return false;
        Error(node, path, $"must be true or false, not '{text}'");
        return null;
    }

    public long? Integer(ComposeNode node, string path, long min = long.MinValue)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min) return value;
        Error(node, path, min == 0 ? $"must be a whole number of at least 0, not '{text}'" : $"must be a whole number, not '{text}'");
        return null;
    }

    public double? Number(ComposeNode node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0) return value;
        Error(node, path, $"must be a number, not '{text}'");
        return null;
    }

    public TimeSpan? Duration(ComposeNode node, string path)
    {
        var text = String(node, path);
        if (text is null) return null;
        if (GoDuration.TryParse(text, out var value)) return value;
        Error(node, path, $"must be a duration like 30s or 1m30s, not '{text}'");
        return null;
    }

    public string? OneOf(ComposeNode node, string path, params string[] allowed)
    {
        var text = String(node, path);
        if (text is null || allowed.Contains(text)) return text;
        Error(node, path, $"must be one of {string.Join(", ", allowed)}, not '{text}'");
        return null;
    }

    /// <summary>A command-like value: a list of strings, or one string split by shell rules.</summary>
    public IReadOnlyList<string>? Words(ComposeNode node, string path)
    {
        switch (node)
        {
            case ScalarNode { Value: null }:
                return null;
            case ScalarNode { Value: { } text }:
                try { return ShellWords.Split(text); }
                catch (FormatException ex) { Error(node, path, ex.Message); return null; }
            case SequenceNode list:
                return list.Items.Select((item, i) => String(item, $"{path}[{i}]") ?? "").ToList();
            default:
                Error(node, path, "must be a string or a list of strings");
                return null;
        }
    }

    public IReadOnlyList<string> StringList(ComposeNode node, string path)
    {
        if (node is SequenceNode list) return list.Items.Select((item, i) => String(item, $"{path}[{i}]")).OfType<string>().ToList();
        Error(node, path, "must be a list of strings");
        return [];
    }

    /// <summary>A <c>KEY=VALUE</c> list or a mapping (environment, labels). Values are null for <c>KEY</c> alone or <c>KEY:</c> with nothing.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> KeyValues(ComposeNode node, string path)
    {
        switch (node)
        {
            case MappingNode map:
                return map.Entries.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value switch
                {
                    ScalarNode s => s.Value,
                    _ => Fail(e.Value, $"{path}.{e.Key}", "must be a string"),
                })).ToList();
            case SequenceNode list:
                return list.Items.Select((item, i) => String(item, $"{path}[{i}]")).OfType<string>()
                    .Select(text => text.IndexOf('=') is var eq and >= 0
                        ? new KeyValuePair<string, string?>(text[..eq], text[(eq + 1)..])
                        : new KeyValuePair<string, string?>(text, null))
                    .ToList();
            case ScalarNode { Value: null }:
                return [];
            default:
                Error(node, path, "must be a mapping or a list of KEY=VALUE strings");
                return [];
        }
    }

    /// <summary>Labels and driver options: like <see cref="KeyValues"/>, with a missing value meaning an empty string.</summary>
    public IReadOnlyDictionary<string, string> StringMap(ComposeNode node, string path) =>
        KeyValues(node, path).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "");

    private string? Fail(ComposeNode node, string path, string message)
    {
        Error(node, path, message);
        return null;
    }
}
