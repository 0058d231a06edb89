using System.Text.Json.Nodes;

namespace Workflows.Core.Descriptors;

/// <summary>Elsa's ActivityDescriptor as Studio reads it (contract section 6). Serialize with WorkflowJson.Options.</summary>
public sealed record ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; } = ActivityKind.Action;
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
}
