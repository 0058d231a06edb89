using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Waits until a moment (a timer bookmark); a moment already past continues at once.</summary>
[Activity("Elsa", "StartAt", Category = "Scheduling", Description = "Trigger execution at a specific time in the future.")]
public sealed class StartAt : Activity
{
    [Input(Description = "The moment to continue at (ISO 8601, e.g. 2026-12-24T18:00:00Z).", TypeName = "DateTimeOffset")]
    public DateTimeOffset DateTime { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (DateTime <= context.Clock.UtcNow)
            context.Complete();
        else
            context.CreateBookmark("Elsa.StartAt", new JsonObject { ["executeAt"] = DateTime.ToString("O") }, DateTime);
        return ValueTask.CompletedTask;
    }
}
