namespace Workflows.Core.Definitions;

/// <summary>A workflow input or output as declared in the definition. Elsa's key for the type is <c>type</c>.</summary>
public sealed record ArgumentDefinition(string Name, string? Type, bool IsArray);
