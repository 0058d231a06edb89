using System.Text.Json.Nodes;
using Cronos;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Starts the workflow on a cron schedule (six fields, seconds first, as Elsa). Mid-flow it waits until the
/// next occurrence.
/// </summary>
[Activity("Elsa", "Cron", Category = "Scheduling", Description = "Trigger on a cron schedule (seconds first).", Kind = Descriptors.ActivityKind.Trigger)]
public sealed class Cron : Activity, ITriggerActivity, IValidatingActivity
{
    [Input(Description = "Six-field cron expression, e.g. 0 0 * * * * (hourly).")]
    public string? CronExpression { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context)
    {
        if (context.Node.CanStartWorkflow)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }
        var expression = Parse(CronExpression ?? string.Empty);
        var next = expression.GetNextOccurrence(context.Clock.UtcNow, TimeZoneInfo.Utc)
                   ?? throw new InvalidOperationException($"Cron expression '{CronExpression}' has no next occurrence.");
        context.CreateBookmark("Elsa.Cron", new JsonObject { ["cronExpression"] = CronExpression }, next);
        return ValueTask.CompletedTask;
    }

    public JsonObject GetTriggerPayload(ActivityNode node) =>
        new() { ["cronExpression"] = LiteralInputs.Get<string>(node, nameof(CronExpression)) };

    public IEnumerable<string> Validate(ActivityNode node)
    {
        var text = LiteralInputs.Get<string>(node, nameof(CronExpression));
        string? problem = null;
        try
        {
            Parse(text ?? string.Empty);
        }
        catch (CronFormatException e)
        {
            problem = $"Invalid cron expression '{text}': {e.Message}";
        }
        if (problem is not null)
            yield return problem;
    }

    private static CronExpression Parse(string text) => Cronos.CronExpression.Parse(text.Trim(), CronFormat.IncludeSeconds);
}
