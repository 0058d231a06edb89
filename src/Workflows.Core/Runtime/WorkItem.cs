using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>One entry of the scheduler queue.</summary>
public sealed record WorkItem(string ActivityInstanceId, WorkItemKind Kind, string? BookmarkId = null, JsonNode? Payload = null);
