using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Suspends on a timer bookmark and continues after the time span.</summary>
[Activity("Elsa", "Delay", Category = "Scheduling", Description = "Wait for a time span.")]
public sealed class Delay : Activity
{
    [Input(Description = "How long to wait, e.g. 00:00:05.", TypeName = "TimeSpan", DefaultValueJson = "\"00:01:00\"")]
    public TimeSpan TimeSpan { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (TimeSpan <= TimeSpan.Zero)
            context.Complete();
        else
            context.CreateBookmark("Elsa.Delay", new JsonObject { ["timeSpan"] = TimeSpan.ToString("c") }, context.Clock.UtcNow + TimeSpan);
        return ValueTask.CompletedTask;
    }
}
