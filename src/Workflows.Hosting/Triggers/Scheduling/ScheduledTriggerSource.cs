using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>Reads the Cron and Timer triggers of published definitions from the trigger store.</summary>
public sealed class ScheduledTriggerSource(ITriggerStore triggers, ILogger<ScheduledTriggerSource> logger)
{
    public const string CronTriggerName = "Elsa.Cron";
    public const string TimerTriggerName = "Elsa.Timer";

    public async Task<IReadOnlyList<ScheduledTrigger>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ScheduledTrigger>();
        foreach (var record in await triggers.FindAsync(new TriggerFilter { Name = CronTriggerName }, cancellationToken))
            if (TryCron(record) is { } cron)
                result.Add(cron);
        foreach (var record in await triggers.FindAsync(new TriggerFilter { Name = TimerTriggerName }, cancellationToken))
            if (TryTimer(record) is { } timer)
                result.Add(timer);
        return result;
    }

    private ScheduledTrigger? TryCron(TriggerRecord record)
    {
        var expression = Payload(record)?["cronExpression"]?.GetValue<string>();
        try
        {
            return new ScheduledTrigger(record.WorkflowDefinitionId, record.WorkflowDefinitionVersionId, record.ActivityId,
                ScheduledTriggerKind.Cron, ElsaCronExpression.ToQuartz(expression ?? string.Empty), null);
        }
        catch (FormatException e)
        {
            // Publishing validates cron expressions, so this is a definition stored before that rule: skip it, loudly.
            logger.LogError("Cron trigger {ActivityId} of workflow {DefinitionId} is not scheduled: {Problem}",
                record.ActivityId, record.WorkflowDefinitionId, e.Message);
            return null;
        }
    }

    private ScheduledTrigger? TryTimer(TriggerRecord record)
    {
        var text = Payload(record)?["interval"]?.GetValue<string>();
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.FromMilliseconds(1))
            return new ScheduledTrigger(record.WorkflowDefinitionId, record.WorkflowDefinitionVersionId, record.ActivityId,
                ScheduledTriggerKind.Timer, null, interval);
        logger.LogError("Timer trigger {ActivityId} of workflow {DefinitionId} is not scheduled: interval '{Interval}' is not a positive time span",
            record.ActivityId, record.WorkflowDefinitionId, text);
        return null;
    }

    private static JsonObject? Payload(TriggerRecord record) => JsonNode.Parse(record.PayloadJson) as JsonObject;
}
