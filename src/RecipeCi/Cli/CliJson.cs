using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RecipeCi.Cli;

/// <summary>
/// The one JSON shape of everything the CLI prints: camelCase, enums as text, and readable text: non-ASCII letters
/// and <c>+</c> (as in <c>1.0.0+1.0</c>) are written as they are, not as <c>\uXXXX</c>. The relaxed encoder is safe
/// here because this JSON goes to a terminal, a file or a pipe, never into an HTML page.
/// </summary>
public static class CliJson
{
    /// <summary>Indented, for a person or <c>jq</c>.</summary>
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: true);

    /// <summary>One line, for outputs read line by line (<c>run --json</c>, <c>trigger --json</c>).</summary>
    public static JsonSerializerOptions Line { get; } = Create(writeIndented: false);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>A node as printed: indented unless <paramref name="oneLine"/>.</summary>
    public static string Write(JsonNode? node, bool oneLine = false) => Rebuilt(node)?.ToJsonString(oneLine ? Line : Options) ?? "null";

    // A node parsed from a server's answer writes its strings as the server escaped them (1.0.0\u002B1.0); rebuilt
    // from their values, they go through this encoder instead.
    private static JsonNode? Rebuilt(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Rebuilt(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Rebuilt)]),
        JsonValue v when v.TryGetValue<JsonElement>(out var parsed) && parsed.ValueKind == JsonValueKind.String => JsonValue.Create(parsed.GetString()),
        _ => node?.DeepClone(),
    };

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
