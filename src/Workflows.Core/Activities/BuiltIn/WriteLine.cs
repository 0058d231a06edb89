namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Writes a line of text to the engine's line sink.</summary>
[Activity("Elsa", "WriteLine", Category = "Console", Description = "Write a line of text.")]
public sealed class WriteLine : Activity
{
    [Input(Description = "The text to write.")]
    public string? Text { get; set; }

    public override async ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        await context.Lines.WriteLineAsync(context.WorkflowInstanceId, context.Node.Id, Text ?? string.Empty, context.CancellationToken);
        context.Complete();
    }
}
