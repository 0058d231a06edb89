using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Quartz;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Triggers.Scheduling;

/// <summary>
/// What a Cron or Timer firing does: start one instance of the trigger's definition version. The clustered store
/// hands each firing to one node; DisallowConcurrentExecution keeps a slow start from overlapping the next firing
/// of the same trigger on another node.
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
        var instanceId = await starter.StartAsync(new WorkflowStartRequest
        {
            DefinitionVersionId = versionId,
            TriggerActivityId = activityId,
            // Lets a workflow see which firing started it (and a test count firings per second).
            Input = new JsonObject
            {
                ["scheduledFireTime"] = scheduled.ToString("O"),
                ["fireTime"] = context.FireTimeUtc.ToString("O"),
            },
        }, cancellationToken);
        logger.LogInformation("Trigger {ActivityId} of workflow {DefinitionId} fired for {ScheduledFireTime:O}: instance {WorkflowInstanceId}",
            activityId, definitionId, scheduled, instanceId);
    }

    private static string Required(JobDataMap data, string key) =>
        data.TryGetValue(key, out var value) && value is string text
            ? text
            : throw new JobExecutionException($"Scheduled trigger job data lacks '{key}'.");
}
