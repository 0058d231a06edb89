namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>The trigger activities the scheduler fires.</summary>
public enum ScheduledTriggerKind
{
    /// <summary><c>Elsa.Cron</c>: a six-field cron expression.</summary>
    Cron,

    /// <summary><c>Elsa.Timer</c>: a fixed interval.</summary>
    Timer,
}
