using System.Text.Json.Nodes;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>What WriteHttpResponse asked to send; held until the step that wrote it is committed.</summary>
public sealed record CapturedHttpResponse(int StatusCode, JsonNode? Content, string ContentType);
