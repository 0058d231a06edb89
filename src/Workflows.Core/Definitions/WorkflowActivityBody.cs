namespace Workflows.Core.Definitions;

/// <summary>
/// A workflow used as an activity, inlined into its parent's model: the definition version it runs, its root (node ids
/// under the activity's) and the variables, inputs and outputs that are scoped to it while it runs.
/// </summary>
public sealed record WorkflowActivityBody(
    Persistence.StoredWorkflowDefinition Definition,
    ActivityNode Root,
    IReadOnlyList<VariableDefinition> Variables,
    IReadOnlyList<ArgumentDefinition> Inputs,
    IReadOnlyList<ArgumentDefinition> Outputs);
