using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// A file that DownloadHttpFile got or WriteFileHttpResponse sends: Elsa's HttpFile (filename, content type, entity
/// tag) with the bytes instead of a stream, because workflow state here is JSON committed after every step. Its JSON
/// form keeps the bytes as base64: <c>{"filename","contentType","eTag","length","base64"}</c>.
/// </summary>
public sealed record HttpFile(string Filename, string? ContentType, string? ETag, byte[] Content)
{
    public JsonObject ToJson() => new()
    {
        ["filename"] = Filename,
        ["contentType"] = ContentType,
        ["eTag"] = ETag,
        ["length"] = Content.Length,
        ["base64"] = Convert.ToBase64String(Content),
    };

    /// <summary>Whether <paramref name="node"/> is the JSON form of a file (an object with <c>base64</c>).</summary>
    public static bool IsFileJson(JsonNode? node) => node is JsonObject o && o.ContainsKey("base64");

    /// <summary>Reads the JSON form; <paramref name="activityId"/> names the activity in the error of a malformed one.</summary>
    public static HttpFile FromJson(JsonObject json, string activityId)
    {
        byte[] content;
        try
        {
            content = Convert.FromBase64String(Text(json["base64"]) ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(
                $"Activity '{activityId}': the file's 'base64' is not valid base64. Pass a DownloadHttpFile result or encode the bytes as base64.");
        }
        return new HttpFile(Text(json["filename"]) ?? string.Empty, Text(json["contentType"]), Text(json["eTag"]), content);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;
}
