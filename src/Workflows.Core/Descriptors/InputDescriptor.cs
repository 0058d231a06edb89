using System.Text.Json.Nodes;

namespace Workflows.Core.Descriptors;

/// <summary>Elsa's InputDescriptor; Studio requires <c>isBrowsable: true</c> and a non-null <c>uiHint</c>.</summary>
public sealed record InputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public required string DisplayName { get; init; }
    public string? Description { get; init; }
    public float Order { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsSynthetic { get; init; }
    public bool IsWrapped { get; init; } = true;
    public required string UIHint { get; init; }
    public string? Category { get; init; }
    public JsonNode? DefaultValue { get; init; }
    public string? DefaultSyntax { get; init; } = "Literal";
    public bool? IsReadOnly { get; init; } = false;
    public bool IsSensitive { get; init; }
    public string? StorageDriverType { get; init; }
    public JsonObject? UISpecifications { get; init; }
}
