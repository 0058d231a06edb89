using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Starts the workflow every interval; mid-flow it waits one interval.</summary>
[Activity("Elsa", "Timer", Category = "Scheduling", Description = "Trigger at a fixed interval.", Kind = Descriptors.ActivityKind.Trigger)]
public sealed class Timer : Activity, ITriggerActivity, IValidatingActivity
{
    [Input(Description = "The interval, e.g. 00:01:00.", DefaultValueJson = "\"00:01:00\"")]
    public TimeSpan Interval { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Node.CanStartWorkflow || Interval <= TimeSpan.Zero)
            context.Complete();
        else
            context.CreateBookmark("Elsa.Timer", new JsonObject { ["interval"] = Interval.ToString("c") }, context.Clock.UtcNow + Interval);
        return ValueTask.CompletedTask;
    }

    public JsonObject GetTriggerPayload(ActivityNode node) =>
        new() { ["interval"] = LiteralInputs.Get<TimeSpan>(node, nameof(Interval)).ToString("c") };

    public IEnumerable<string> Validate(ActivityNode node)
    {
        string? problem = null;
        try
        {
            if (LiteralInputs.Get<TimeSpan>(node, nameof(Interval)) <= TimeSpan.Zero)
                problem = "Timer interval must be positive.";
        }
        catch (FormatException e)
        {
            problem = $"Invalid timer interval: {e.Message}";
        }
        if (problem is not null)
            yield return problem;
    }
}
