using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Recipes.Swarm.Compose;

/// <summary>
/// Parses one compose file with YamlDotNet into a <see cref="ComposeNode"/> tree. Anchors and aliases resolve in
/// YamlDotNet; merge keys (<c>&lt;&lt;: *anchor</c>, common in recipes for shared environment) are applied here.
/// </summary>
public static class YamlTreeReader
{
    public static MappingNode Read(string text, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ComposeException([new ComposeDiagnostic(fileName, (int)ex.Start.Line, "(file)",
                $"is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser gives up this way when the file ends inside an open flow collection or block.
            var lines = text.Split('\n').Length;
            throw new ComposeException([new ComposeDiagnostic(fileName, lines, "(file)",
                $"is not valid YAML: the file ends at line {lines} inside an unclosed [ ], {{ }} or quoted value")]);
        }
        if (stream.Documents.Count == 0) return new MappingNode(fileName, 1, []);
        var root = Convert(stream.Documents[0].RootNode, fileName, "(root)");
        return root as MappingNode
            ?? throw new ComposeException([new ComposeDiagnostic(fileName, root.Line, "(root)", "must be a mapping")]);
    }

    private static ComposeNode Convert(YamlNode node, string file, string path)
    {
        var line = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode scalar:
                return new ScalarNode(file, line, IsNull(scalar) ? null : scalar.Value ?? "");
            case YamlSequenceNode sequence:
                return new SequenceNode(file, line, sequence.Children.Select((c, i) => Convert(c, file, $"{path}[{i}]")).ToList());
            case YamlMappingNode mapping:
                var entries = new List<KeyValuePair<string, ComposeNode>>();
                var merged = new List<KeyValuePair<string, ComposeNode>>();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                        throw new ComposeException([new ComposeDiagnostic(file, (int)keyNode.Start.Line, path, "has a key that is not a plain string")]);
                    var value = Convert(valueNode, file, $"{path}.{key}");
                    if (key == "<<") merged.AddRange(MergeKeySources(value, file, path));
                    else entries.Add(new(key, value));
                }
                // Merge keys never override keys written in the mapping itself (YAML merge-key spec).
                foreach (var entry in merged)
                {
                    if (!entries.Any(e => e.Key == entry.Key)) entries.Add(entry);
                }
                return new MappingNode(file, line, entries);
            default:
                throw new ComposeException([new ComposeDiagnostic(file, line, path, "has an unsupported YAML node")]);
        }
    }

    private static IEnumerable<KeyValuePair<string, ComposeNode>> MergeKeySources(ComposeNode value, string file, string path) => value switch
    {
        MappingNode m => m.Entries,
        SequenceNode s => s.Items.SelectMany(i => i is MappingNode m ? m.Entries
            : throw new ComposeException([new ComposeDiagnostic(file, i.Line, path + ".<<", "merge key must refer to mappings")])),
        _ => throw new ComposeException([new ComposeDiagnostic(file, value.Line, path + ".<<", "merge key must refer to a mapping")]),
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
