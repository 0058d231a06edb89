using System.Text.Json.Nodes;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>What WriteHttpResponse asked to send; held until the step that wrote it is committed.</summary>
public sealed record CapturedHttpResponse(int StatusCode, JsonNode? Content, string ContentType)
{
    /// <summary>Extra response headers (e.g. <c>Location</c>); none by default.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>WriteFileHttpResponse's file, sent as an attachment instead of <see cref="Content"/>; null otherwise.</summary>
    public Workflows.Core.Activities.BuiltIn.HttpFile? File { get; init; }
}
