using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Workflows.Core.Definitions;

/// <summary>
/// Parses untrusted JSON (request bodies) so that every problem surfaces here as a <see cref="JsonException"/> naming
/// it, instead of later, lazily, as another exception type (a 500): bytes that are not UTF-8, an object naming one key
/// twice (<c>JsonObject</c> throws <c>ArgumentException</c> on first use), or a string escaping a lone surrogate such
/// as <c>"\ud800"</c> (reading it throws <c>InvalidOperationException</c>).
/// </summary>
public static class StrictJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>The parsed node (null for JSON <c>null</c>); throws <see cref="JsonException"/> with the reason.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
            throw new JsonException("The body is not valid UTF-8 text.");
        try
        {
            using (var document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions))
                Visit(document.RootElement);
            return JsonNode.Parse(utf8, documentOptions: DocumentOptions);
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException($"A string is not valid Unicode (a lone surrogate escape such as \\ud800?): {e.Message}", e);
        }
    }

    private static string Clip(string name) => name.Length > 80 ? name[..80] + "…" : name;

    /// <summary>Reads every property name and string once, so that an invalid escape or a repeated key fails here.</summary>
    private static void Visit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                        throw new JsonException($"An object names the key '{Clip(property.Name)}' twice.");
                    Visit(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    Visit(item);
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }
}
