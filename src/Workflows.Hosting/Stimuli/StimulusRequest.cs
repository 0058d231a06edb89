using System.Text.Json.Nodes;

namespace Workflows.Hosting.Stimuli;

/// <summary>
/// Something a waiting bookmark may be resumed with: the bookmark it is for (name and the payload the bookmark was
/// created with, hashed the same way), optionally narrowed to one instance or correlation id, and the input the
/// resumed activity receives.
/// </summary>
public sealed record StimulusRequest
{
    /// <summary>The bookmark name, e.g. <c>Elsa.HttpEndpoint</c> or <c>Elsa.DispatchWorkflow</c>.</summary>
    public required string BookmarkName { get; init; }

    /// <summary>The bookmark payload to match (hashed with the name, as bookmarks are).</summary>
    public JsonNode? BookmarkPayload { get; init; }

    /// <summary>A bookmark's own hash, used instead of hashing <see cref="BookmarkPayload"/> (a stimulus for a known bookmark).</summary>
    public string? BookmarkHash { get; init; }

    public string? WorkflowInstanceId { get; init; }
    public string? CorrelationId { get; init; }

    /// <summary>What the resumed activity receives.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>How long the stimulus waits for a matching bookmark; <see cref="StimulusSender.DefaultTimeToLive"/> when null.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
