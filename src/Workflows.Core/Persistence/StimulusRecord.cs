namespace Workflows.Core.Persistence;

/// <summary>
/// A stimulus waiting for its bookmark (Elsa's bookmark queue item): it arrived before a matching bookmark was
/// committed, or its resumption has not been committed yet. It is removed by the commit of the resumption it causes.
/// </summary>
public sealed record StimulusRecord
{
    public required string Id { get; init; }

    /// <summary>The bookmark name to match, e.g. <c>Elsa.HttpEndpoint</c>.</summary>
    public required string BookmarkName { get; init; }

    /// <summary>The bookmark hash to match (<c>BookmarkHash.Compute(name, payload)</c>).</summary>
    public required string BookmarkHash { get; init; }

    /// <summary>Only bookmarks of this instance match; any instance when null.</summary>
    public string? WorkflowInstanceId { get; init; }

    /// <summary>Only bookmarks with this correlation id match; any when null.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>JSON the resumed activity receives.</summary>
    public string? InputJson { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this moment the stimulus is dropped unmatched.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
