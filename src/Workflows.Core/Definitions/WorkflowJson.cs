using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Workflows.Core.Definitions;

/// <summary>The JSON conventions of the Elsa 3 wire format: camelCase, enums as strings, nulls written.</summary>
public static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions(writeIndented: false);
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(writeIndented: true);

    /// <summary>Parses a JSON document, tolerating a UTF-8 byte order mark (some Elsa exports have one).</summary>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json.TrimStart('\uFEFF'));

    public static JsonObject ParseObject(string json) =>
        Parse(json) as JsonObject ?? throw new JsonException("Expected a JSON object.");

    private static JsonSerializerOptions CreateOptions(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = writeIndented,
            // Keep "+" and "<" readable in stored documents; they are not embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
