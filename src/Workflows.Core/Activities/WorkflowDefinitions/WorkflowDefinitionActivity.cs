using System.Text.Json.Nodes;
using Workflows.Core.Expressions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.WorkflowDefinitions;

/// <summary>
/// Runs a workflow definition used as an activity, nested in the parent's instance (Elsa's WorkflowDefinitionActivity):
/// the definition's root was inlined into the parent's model at compile time; this activity evaluates the inputs its
/// node carries, scopes the child's variables, inputs and outputs to its own subtree, runs the root as its child, then
/// copies the child's outputs to its own outputs and completes with the outcomes an <c>Elsa.Complete</c> inside chose
/// (<c>Done</c> when the body simply ran to its end). Registered per definition version by <see cref="WorkflowActivityTypes"/>.
/// </summary>
[Activity("Elsa", "WorkflowDefinitionActivity", Category = "Workflows", Description = "A workflow definition used as an activity.", IsBrowsable = false)]
[EmbeddedPort("Root", IsBrowsable = false)]
public sealed class WorkflowDefinitionActivity : Activity
{
    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        var body = context.Workflow.GetWorkflowActivityBody(context.Node.NodeId)
                   ?? throw new InvalidOperationException(
                       $"Activity '{context.Node.Id}' of type '{context.Node.Type}' is a workflow used as an activity, but its definition was not loaded " +
                       "when this workflow was compiled: import or publish the child workflow before its parents.");
        var input = new JsonObject();
        foreach (var argument in body.Inputs)
            input[argument.Name] = ValueConverter.ToVariableType(context.EvaluateWrapped(context.Node.GetProperty(WorkflowActivityDescriber.SafeName(argument.Name))), argument.Type);

        var locals = context.Locals;
        foreach (var variable in body.Variables)
            locals[variable.Name] = ValueConverter.ToVariableType(variable.Value?.DeepClone(), variable.TypeName);
        // As Elsa declares them in the composite's scope, the inputs are readable as variables too (unless one shadows them).
        foreach (var (name, value) in input)
            if (!locals.ContainsKey(name))
                locals[name] = value?.DeepClone();
        locals[BodyLocals.Input] = input;
        locals[BodyLocals.Output] = new JsonObject();
        context.Log("WorkflowActivityStarted", $"{body.Definition.DefinitionId} v{body.Definition.Version}", input.DeepClone());
        context.ScheduleChild(body.Root);
        return ValueTask.CompletedTask;
    }

    public override ValueTask OnChildCompletedAsync(ActivityContext context, ChildCompletion child)
    {
        var body = context.Workflow.GetWorkflowActivityBody(context.Node.NodeId)!;
        var locals = context.Locals;
        var output = locals[BodyLocals.Output] as JsonObject ?? [];
        var outcomes = (context.Properties[BodyLocals.Outcomes] as JsonArray)?.Select(o => o?.GetValue<string>()).OfType<string>().ToList();
        // The body's scope ends here: a parent variable that an output is bound to must not be shadowed by a local.
        foreach (var key in locals.Select(p => p.Key).ToList())
            locals.Remove(key);
        foreach (var argument in body.Outputs)
            context.SetOutput(WorkflowActivityDescriber.SafeName(argument.Name), output[argument.Name]?.DeepClone());
        context.CompleteWith(outcomes is { Count: > 0 } ? outcomes : [FlowPorts.Done]);
        return ValueTask.CompletedTask;
    }
}
