namespace Workflows.Core.Activities;

/// <summary>
/// Marks a property as an activity input. The engine evaluates the node's wrapped input (or raw value) before
/// <see cref="Activity.ExecuteAsync"/> and assigns the converted value to the property.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }

    /// <summary>Elsa type name shown to Studio; derived from the property type when null.</summary>
    public string? TypeName { get; init; }

    /// <summary>Studio editor (singleline, multiline, checkbox, dropdown, dynamic-outcomes...); derived when null.</summary>
    public string? UIHint { get; init; }

    /// <summary>Default as JSON text (e.g. <c>"\"WaitAll\""</c> or <c>"3"</c>); Studio does not write it, the engine applies it.</summary>
    public string? DefaultValueJson { get; init; }

    public string DefaultSyntax { get; init; } = "Literal";
    public bool IsWrapped { get; init; } = true;
    public float Order { get; init; } = -1;

    /// <summary>Dropdown choices.</summary>
    public string[]? Options { get; init; }
}
