namespace Workflows.Core.Activities;

/// <summary>
/// Declares an outcome port. Activities without any port of their own and not terminal get a <c>Done</c> port. Ports
/// declared on a base class are added after the activity's own (see <see cref="ActivityDescriber"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlowPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string? DisplayName { get; init; }
}
