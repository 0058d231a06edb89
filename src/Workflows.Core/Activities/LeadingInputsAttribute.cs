namespace Workflows.Core.Activities;

/// <summary>
/// Marks a base activity class whose inputs come first in the descriptor of every activity derived from it, before the
/// activity's own, each in source order. Without it an inherited input is listed in source (metadata) order, which
/// depends on where the compiler emits the base class; a shared leading input (a warm dependency's name) needs this
/// to stay first.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LeadingInputsAttribute : Attribute;
