using System.Text.Json.Nodes;

namespace Workflows.Hosting.Api.Instances;

/// <summary>Body of <c>dispatch</c> and <c>execute</c> (Elsa's DispatchWorkflowDefinitionRequest / ExecuteWorkflowDefinitionRequest).</summary>
public sealed record StartWorkflowRequest(
    string? InstanceId,
    string? CorrelationId,
    string? TriggerActivityId,
    string? VersionOptions,
    JsonObject? Input);

/// <summary>Body of <c>POST /workflow-instances/{id}/journal</c>: optional filters.</summary>
public sealed record JournalFilterRequest(
    IReadOnlyList<string>? ActivityIds,
    IReadOnlyList<string>? ActivityNodeIds,
    IReadOnlyList<string>? EventNames,
    int? Page,
    int? PageSize);

/// <summary>Body of <c>POST /alterations/workflows/retry</c>.</summary>
public sealed record RetryWorkflowsRequest(IReadOnlyList<string>? WorkflowInstanceIds);

/// <summary>Answer of <c>dispatch</c>.</summary>
public sealed record DispatchWorkflowResponse(string WorkflowInstanceId);

/// <summary>Answer of <c>execute</c>.</summary>
public sealed record ExecuteWorkflowResponse(WorkflowStateView WorkflowState);
