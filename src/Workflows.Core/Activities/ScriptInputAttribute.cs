namespace Workflows.Core.Activities;

/// <summary>
/// Marks a string input whose literal value is source code in <see cref="Language"/> (an expression type name:
/// JavaScript, CSharp, Liquid): the validator checks it as it checks an expression of that language.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ScriptInputAttribute(string language) : Attribute
{
    public string Language { get; } = language;
}
