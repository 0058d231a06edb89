namespace Workflows.Core.Definitions;

/// <summary>A workflow variable as declared in the definition (<c>variables[]</c>).</summary>
public sealed record VariableDefinition(string Id, string Name, string? TypeName, bool IsArray, System.Text.Json.Nodes.JsonNode? Value);
