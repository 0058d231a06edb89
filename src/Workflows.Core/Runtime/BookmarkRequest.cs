using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>A bookmark an activity asked for during one call.</summary>
public sealed record BookmarkRequest(string Name, JsonNode? Payload, DateTimeOffset? ResumeAt);
