using Microsoft.Extensions.Logging;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Runs;

/// <summary>
/// Finds the run of an activity: the run id given as input (a child workflow such as promote-on-green working for
/// its parent's run), else the run whose workflow instance this is (set by ResolveRun).
/// </summary>
public sealed class RunContextFactory(RunRecords records, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<RunContext> ForAsync(ActivityContext activity, string? runId, CancellationToken cancellationToken)
    {
        var record = !string.IsNullOrWhiteSpace(runId)
            ? await records.GetAsync(runId, cancellationToken)
            : await records.FindByInstanceAsync(activity.WorkflowInstanceId, cancellationToken);
        if (record is null)
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(runId)
                ? $"Workflow instance {activity.WorkflowInstanceId} has no run: start the flow with Recipes.ResolveRun."
                : $"Run {runId} has no run record.");
        return new RunContext(record, records, time, loggers.CreateLogger("Recipes.Ci.Runs." + activity.Node.Type));
    }
}
