namespace Workflows.Core.Activities;

/// <summary>Marks a property as an activity output; values are set with <c>ActivityContext.SetOutput</c> and bound via memoryReference.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? TypeName { get; init; }
}
