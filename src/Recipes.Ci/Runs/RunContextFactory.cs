using Microsoft.Extensions.Logging;

namespace Recipes.Ci.Runs;

/// <summary>
/// Finds the run of an activity: the run id given as input (a child workflow such as promote-on-green working for
/// its parent's run), else the run whose workflow instance this is (set by ResolveRun). Activities call it through
/// <c>Recipes.Ci.Activities.RunContextFactoryExtensions</c>: only Activities/ touches the engine's activity API.
/// </summary>
public sealed class RunContextFactory(RunRecords records, TimeProvider time, ILoggerFactory loggers)
{
    /// <param name="workflowInstanceId">The instance the activity runs in.</param>
    /// <param name="activityType">The activity's type name (the run logger's category ends with it).</param>
    /// <param name="runId">The run id given as input, if any.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<RunContext> ForAsync(string workflowInstanceId, string activityType, string? runId, CancellationToken cancellationToken)
    {
        var record = !string.IsNullOrWhiteSpace(runId)
            ? await records.GetAsync(runId, cancellationToken)
            : await records.FindByInstanceAsync(workflowInstanceId, cancellationToken);
        if (record is null)
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(runId)
                ? $"Workflow instance {workflowInstanceId} has no run: start the flow with Recipes.ResolveRun."
                : $"Run {runId} has no run record.");
        return new RunContext(record, records, time, loggers.CreateLogger("Recipes.Ci.Runs." + activityType));
    }
}
