using System.Text.Json.Nodes;

namespace Workflows.Hosting.Api.Instances;

/// <summary>Body of <c>dispatch</c> and <c>execute</c> (Elsa's DispatchWorkflowDefinitionRequest / ExecuteWorkflowDefinitionRequest).</summary>
public sealed record StartWorkflowRequest(
    string? InstanceId,
    string? CorrelationId,
    string? TriggerActivityId,
    string? VersionOptions,
    JsonObject? Input);

/// <summary>
/// Body of <c>POST /workflow-instances/{id}/journal</c>: Elsa's <c>{"filter":{...}}</c> (what Studio sends) or the
/// same filters at the top level, plus optional paging (also accepted as query parameters).
/// </summary>
public sealed record JournalRequest(
    JournalFilter? Filter,
    IReadOnlyList<string>? ActivityIds,
    IReadOnlyList<string>? ActivityNodeIds,
    IReadOnlyList<string>? ExcludedActivityTypes,
    IReadOnlyList<string>? EventNames,
    int? Page,
    int? PageSize,
    int? Skip,
    int? Take)
{
    public JournalFilter EffectiveFilter => Filter ?? new JournalFilter(ActivityIds, ActivityNodeIds, ExcludedActivityTypes, EventNames);
}

/// <summary>Elsa's <c>JournalFilter</c>.</summary>
public sealed record JournalFilter(
    IReadOnlyList<string>? ActivityIds,
    IReadOnlyList<string>? ActivityNodeIds,
    IReadOnlyList<string>? ExcludedActivityTypes,
    IReadOnlyList<string>? EventNames);

/// <summary>Body of <c>POST /alterations/workflows/retry</c>.</summary>
public sealed record RetryWorkflowsRequest(IReadOnlyList<string>? WorkflowInstanceIds);

/// <summary>Answer of <c>dispatch</c>.</summary>
public sealed record DispatchWorkflowResponse(string WorkflowInstanceId);

/// <summary>Answer of <c>execute</c>.</summary>
public sealed record ExecuteWorkflowResponse(WorkflowStateView WorkflowState);
