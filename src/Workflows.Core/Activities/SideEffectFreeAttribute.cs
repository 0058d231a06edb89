namespace Workflows.Core.Activities;

/// <summary>
/// Declares that an activity changes nothing outside the workflow's own state (variables, outputs, scheduling): a
/// host that commits before each step (<c>WorkflowEngineServices.CommitBeforeExecute</c>) skips that commit for it,
/// since re-running it after a crash is invisible, and its state is committed after it as every step's is. Activities
/// without it are assumed to have side effects, so their journal shows every attempt.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SideEffectFreeAttribute : Attribute;
