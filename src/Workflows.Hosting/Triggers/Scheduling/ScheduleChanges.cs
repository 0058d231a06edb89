namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>What one synchronisation changed in the schedule.</summary>
public sealed record ScheduleChanges(int Added, int Changed, int Removed)
{
    public bool Any => Added + Changed + Removed > 0;
}
