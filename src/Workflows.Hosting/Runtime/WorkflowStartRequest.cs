using System.Text.Json.Nodes;
using Workflows.Core.Management;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// What to start: a definition (by <see cref="DefinitionId"/> and <see cref="Version"/>, Published by default) or one
/// exact version (<see cref="DefinitionVersionId"/>, e.g. the version a trigger was indexed from).
/// </summary>
public sealed record WorkflowStartRequest
{
    public string? DefinitionId { get; init; }
    public string? DefinitionVersionId { get; init; }
    public VersionSelector Version { get; init; } = VersionSelector.Published;
    public JsonObject Input { get; init; } = [];
    public string? CorrelationId { get; init; }

    /// <summary>The trigger activity that starts the instance (cron, HTTP endpoint); the flowchart's start otherwise.</summary>
    public string? TriggerActivityId { get; init; }

    /// <summary>
    /// Set by trigger sources: <see cref="DefinitionVersionId"/> comes from a trigger record just matched, so the version
    /// is published and exists as long as its trigger does; the starter then reads it once and keeps it.
    /// </summary>
    public bool VersionFromTrigger { get; init; }

    /// <summary>Use this instance id (Elsa's dispatch accepts one); a new id otherwise.</summary>
    public string? InstanceId { get; init; }

    public static WorkflowStartRequest ForDefinition(string definitionId) => new() { DefinitionId = definitionId };

    public static WorkflowStartRequest ForVersion(string definitionVersionId) => new() { DefinitionVersionId = definitionVersionId };
}
