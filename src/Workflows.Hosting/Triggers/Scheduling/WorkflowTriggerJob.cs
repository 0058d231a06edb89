using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Quartz;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// What a Cron or Timer firing does: start one instance of the trigger's definition version. The clustered store
/// hands each firing to one node; DisallowConcurrentExecution keeps a slow start from overlapping the next firing
/// of the same trigger on another node. The instance id is derived from the trigger and the scheduled fire time, so a
/// firing Quartz hands out again (seen under heavy load: the same scheduled time re-fired seconds later, or two nodes
/// racing on a recovered trigger) is refused by the store's create-only commit and logged once, not thrown: a thrown
/// exception would make Quartz log an error per firing and could refire the job.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WorkflowTriggerJob(IWorkflowStarter starter, ILogger<WorkflowTriggerJob> logger) : IJob
{
    public const string DefinitionIdKey = "definitionId";
    public const string DefinitionVersionIdKey = "definitionVersionId";
    public const string ActivityIdKey = "activityId";
    public const string FingerprintKey = "fingerprint";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var definitionId = Required(data, DefinitionIdKey);
        var versionId = Required(data, DefinitionVersionIdKey);
        var activityId = Required(data, ActivityIdKey);
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var firingId = FiringInstanceId(definitionId, activityId, scheduled);
        string instanceId;
        try
        {
            instanceId = await starter.StartAsync(new WorkflowStartRequest
            {
                InstanceId = firingId,
                DefinitionVersionId = versionId,
                TriggerActivityId = activityId,
                // Lets a workflow see which firing started it (and a test count firings per second).
                Input = new JsonObject
                {
                    ["scheduledFireTime"] = scheduled.ToString("O"),
                    ["fireTime"] = context.FireTimeUtc.ToString("O"),
                },
            }, cancellationToken);
        }
        catch (WorkflowInstanceExistsException)
        {
            logger.LogInformation(
                "Trigger {ActivityId} of workflow {DefinitionId} fired again for {ScheduledFireTime:O}; instance {WorkflowInstanceId} already exists for that firing, nothing started",
                activityId, definitionId, scheduled, firingId);
            return;
        }
        logger.LogInformation("Trigger {ActivityId} of workflow {DefinitionId} fired for {ScheduledFireTime:O}: instance {WorkflowInstanceId}",
            activityId, definitionId, scheduled, instanceId);
    }

    /// <summary>One id per (trigger, scheduled fire time): 32 hex characters, like the engine's own ids.</summary>
    public static string FiringInstanceId(string definitionId, string activityId, DateTimeOffset scheduled) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{definitionId}|{activityId}|{scheduled.UtcTicks}")))[..32];

    private static string Required(JobDataMap data, string key) =>
        data.TryGetValue(key, out var value) && value is string text
            ? text
            : throw new JobExecutionException($"Scheduled trigger job data lacks '{key}'.");
}
