using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Sets a workflow output.</summary>
[Activity("Elsa", "SetOutput", Category = "Primitives", Description = "Set a workflow output.")]
public sealed class SetOutput : Activity
{
    [Input(Description = "The name of the workflow output.", Order = 0)]
    public string? OutputName { get; set; }

    [Input(Description = "The value of the output.", TypeName = "Object", Order = 1)]
    public JsonNode? OutputValue { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        if (string.IsNullOrWhiteSpace(OutputName))
            throw new InvalidOperationException($"SetOutput '{context.Node.Id}' has no output name.");
        context.SetWorkflowOutput(OutputName, OutputValue);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
