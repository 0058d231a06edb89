using System.Text.Json.Nodes;

namespace Workflows.Core.Runtime;

/// <summary>A run (no bookmark) or a resumption waiting in the in-process dispatcher.</summary>
public sealed record DispatchedWork(string InstanceId, string? BookmarkId, JsonNode? Payload);
