using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>Reads and checks the JSON bodies of the definition endpoints.</summary>
public static class DefinitionRequests
{
    /// <summary>The body as a JSON object, or an error naming what is wrong with it.</summary>
    public static async Task<(JsonObject? Body, string? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (bytes.Span.StartsWith("\uFEFF"u8))
                bytes = bytes[3..];
            if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
                return (null, "The request body is empty; a JSON object was expected.");
            // Strict: duplicate keys, invalid UTF-8 and lone surrogates are named here (400), not found later (500).
            return StrictJson.Parse(bytes.Span) is JsonObject body ? (body, null) : (null, "The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            return (null, $"The request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>
    /// A workflow definition model as sent by Studio or found in an export file, as a document to save. The client's
    /// links are dropped (the server makes its own); ids, version and flags are decided by the definition service.
    /// </summary>
    public static (WorkflowDefinitionDocument? Document, string? Error) ToDocument(JsonNode? model)
    {
        if (model is not JsonObject json)
            return (null, "'model' must be a workflow definition object.");
        if (json["root"] is not JsonObject root)
            return (null, "The workflow definition has no root activity ('root').");
        if (!ActivityJson.IsActivity(root))
            return (null, "The root activity needs 'id', 'type' and 'version'.");
        var copy = (JsonObject)json.DeepClone();
        copy.Remove("links");
        return (WorkflowDefinitionDocument.FromJson(copy), null);
    }

    public static IReadOnlyList<string> Strings(JsonObject body, string key) =>
        body[key] is JsonArray array
            ? array.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList()
            : [];
}
