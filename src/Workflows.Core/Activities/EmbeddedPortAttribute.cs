namespace Workflows.Core.Activities;

/// <summary>Declares an embedded port: a child activity stored under the camelCase port name (e.g. <c>body</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddedPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public bool IsBrowsable { get; init; } = true;
}
