namespace Workflows.Core.Activities;

/// <summary>Declares an outcome port. Activities without any port and not terminal get a <c>Done</c> port.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlowPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string? DisplayName { get; init; }
}
