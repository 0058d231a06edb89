namespace Workflows.Hosting.Api.Descriptors;

/// <summary>A type offered for variables, workflow inputs and outputs (<c>/descriptors/variables</c>).</summary>
public sealed record VariableTypeDescriptor(string TypeName, string DisplayName, string Category, string? Description);
