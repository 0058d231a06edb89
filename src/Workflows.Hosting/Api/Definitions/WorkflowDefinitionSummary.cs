using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>One row of the definition list and of version history (Elsa's <c>WorkflowDefinitionSummary</c>).</summary>
public sealed record WorkflowDefinitionSummary(
    string Id,
    string DefinitionId,
    string? Name,
    string? Description,
    int Version,
    string? ToolVersion,
    bool IsLatest,
    bool IsPublished,
    DateTimeOffset CreatedAt,
    string MaterializerName,
    bool IsMaterializerAvailable,
    bool IsReadonly,
    IReadOnlyList<Link> Links);
