using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Sets the instance's correlation id; bookmarks created afterwards carry it (PublishEvent filters on it).</summary>
[Activity("Elsa", "Correlate", Category = "Primitives", Description = "Set the CorrelationId of the workflow to a given value.")]
public sealed class Correlate : Activity
{
    [Input(Description = "The correlation id to set.")]
    public string? CorrelationId { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        context.SetCorrelationId(string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId);
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
