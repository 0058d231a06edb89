using Workflows.Core.Descriptors;

namespace Workflows.Core.Activities;

/// <summary>Declares an activity type: its type name is <c>&lt;Namespace&gt;.&lt;Name&gt;</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string name) : Attribute
{
    public string Namespace { get; } = @namespace;
    public string Name { get; } = name;
    public int Version { get; init; } = 1;
    public string Category { get; init; } = "Miscellaneous";
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public ActivityKind Kind { get; init; } = ActivityKind.Action;
    public bool IsBrowsable { get; init; } = true;

    /// <summary>Hides the In port (Elsa's Start).</summary>
    public bool IsStart { get; init; }

    /// <summary>No outbound ports; completing it ends the enclosing flowchart (End) or workflow (Finish).</summary>
    public bool IsTerminal { get; init; }
}
