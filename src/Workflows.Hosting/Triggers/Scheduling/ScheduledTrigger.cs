using System.Globalization;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// One Cron or Timer trigger of a published definition, as the scheduler needs it. <see cref="Name"/> identifies the
/// Quartz job and trigger (stable across versions); <see cref="Fingerprint"/> changes when the schedule or the
/// version changes, so a re-publish reschedules and an unchanged one is left alone.
/// </summary>
public sealed record ScheduledTrigger(
    string DefinitionId,
    string DefinitionVersionId,
    string ActivityId,
    ScheduledTriggerKind Kind,
    string? QuartzCronExpression,
    TimeSpan? Interval)
{
    public const string Group = "workflow-triggers";

    public string Name => $"{DefinitionId}/{ActivityId}";

    public string Fingerprint => Kind switch
    {
        ScheduledTriggerKind.Cron => $"{DefinitionVersionId}|cron|{QuartzCronExpression}",
        _ => $"{DefinitionVersionId}|timer|{Interval?.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}",
    };
}
