using Quartz;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// Makes the Quartz schedule match the published triggers: adds new ones, reschedules changed ones (new version or
/// new schedule), removes ones whose definition was retracted or deleted. Unchanged triggers are not touched, so
/// their next fire time is kept. Safe to run on several nodes at once against the clustered store.
/// </summary>
public sealed class ScheduleSynchronizer(SchedulerOptions options, TimeProvider time, ILogger<ScheduleSynchronizer> logger)
{
    public async Task<ScheduleChanges> SyncAsync(IScheduler scheduler, IReadOnlyList<ScheduledTrigger> desired, CancellationToken cancellationToken)
    {
        var existing = await ListExistingAsync(scheduler, cancellationToken);
        var wanted = desired.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var (added, changed, removed) = (0, 0, 0);

        foreach (var trigger in desired)
        {
            var key = new TriggerKey(trigger.Name, ScheduledTrigger.Group);
            var current = existing.Contains(trigger.Name) ? await scheduler.GetTrigger(key, cancellationToken) : null;
            if (current is not null && Equals(current.JobDataMap.TryGetValue(WorkflowTriggerJob.FingerprintKey, out var f) ? f : null, trigger.Fingerprint))
                continue;
            var job = BuildJob(trigger);
            // Replace: another node may have added the same trigger since we looked; the result is the same schedule.
            await scheduler.ScheduleJob(job, BuildTrigger(trigger, job.Key), new ScheduleJobOptions { Replace = true }, cancellationToken);
            if (current is null) added++; else changed++;
            logger.LogInformation("Scheduled {Kind} trigger {Trigger} ({Schedule})", trigger.Kind, trigger.Name,
                trigger.QuartzCronExpression ?? trigger.Interval?.ToString());
        }

        foreach (var name in existing.Where(n => !wanted.ContainsKey(n)))
        {
            if (await scheduler.DeleteJob(new JobKey(name, ScheduledTrigger.Group), cancellationToken))
            {
                removed++;
                logger.LogInformation("Unscheduled trigger {Trigger}: its definition is no longer published", name);
            }
        }
        return new ScheduleChanges(added, changed, removed);
    }

    private static async Task<HashSet<string>> ListExistingAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var page = await scheduler.QueryJobs(new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(ScheduledTrigger.Group) }, cancellationToken);
        foreach (var job in page.Items)
            names.Add(job.Key.Name);
        return names;
    }

    private static IJobDetail BuildJob(ScheduledTrigger trigger) =>
        JobBuilder.Create<WorkflowTriggerJob>()
            .WithIdentity(trigger.Name, ScheduledTrigger.Group)
            .WithDescription($"Starts workflow {trigger.DefinitionId} ({trigger.Kind} {trigger.ActivityId})")
            .UsingJobData(WorkflowTriggerJob.DefinitionIdKey, trigger.DefinitionId)
            .UsingJobData(WorkflowTriggerJob.DefinitionVersionIdKey, trigger.DefinitionVersionId)
            .UsingJobData(WorkflowTriggerJob.ActivityIdKey, trigger.ActivityId)
            // Not RequestRecovery: re-running a firing after a node crash could start the workflow twice.
            .Build();

    private ITrigger BuildTrigger(ScheduledTrigger trigger, JobKey job)
    {
        var builder = TriggerBuilder.Create(time)
            .WithIdentity(trigger.Name, ScheduledTrigger.Group)
            .ForJob(job)
            .UsingJobData(WorkflowTriggerJob.FingerprintKey, trigger.Fingerprint)
            .WithMisfireThreshold(options.MisfireThreshold);
        return trigger.Kind switch
        {
            // Misfire policy (README): a firing missed by more than the threshold runs once as soon as possible, then the
            // schedule continues; several missed firings collapse into that one run.
            ScheduledTriggerKind.Cron => builder
                .WithSchedule(CronScheduleBuilder.Create(trigger.QuartzCronExpression!, CronFormat.Quartz)
                    .InTimeZone(TimeZoneInfo.Utc)
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .StartNow()
                .Build(),
            _ => builder
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(trigger.Interval!.Value)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                // Elsa's Timer first fires one interval after it is scheduled.
                .StartAt(time.GetUtcNow() + trigger.Interval!.Value)
                .Build(),
        };
    }
}
