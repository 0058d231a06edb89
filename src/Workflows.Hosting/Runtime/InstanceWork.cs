using System.Text.Json.Nodes;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// One unit of work for an instance: a run (no bookmark) or a resumption at <see cref="BookmarkId"/> with its
/// payload, optionally delivering a queued stimulus.
/// </summary>
public sealed record InstanceWork(string InstanceId, string? BookmarkId = null, JsonNode? Payload = null, string? StimulusId = null);
