namespace Recipes.Swarm.Compose;

/// <summary>
/// The YAML of a compose file as a small immutable tree that remembers where each node came from, so that after
/// overlays are merged an error still names the file and line that supplied the offending value.
/// </summary>
public abstract record ComposeNode(string File, int Line);

/// <summary>A scalar. <see cref="Value"/> is null for YAML null (<c>~</c>, <c>null</c> or nothing).</summary>
public sealed record ScalarNode(string File, int Line, string? Value) : ComposeNode(File, Line);

/// <summary>A mapping with string keys, in file order.</summary>
public sealed record MappingNode(string File, int Line, IReadOnlyList<KeyValuePair<string, ComposeNode>> Entries) : ComposeNode(File, Line)
{
    public ComposeNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>A sequence.</summary>
public sealed record SequenceNode(string File, int Line, IReadOnlyList<ComposeNode> Items) : ComposeNode(File, Line);
