namespace Workflows.Core.Descriptors;

/// <summary>A port: <c>Flow</c> ports are outcomes, <c>Embedded</c> ports hold a child activity (e.g. a loop body).</summary>
public sealed record PortDescriptor(string Name, string DisplayName, PortType Type, bool IsBrowsable = true);
