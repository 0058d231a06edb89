using Microsoft.Extensions.Logging;

namespace Recipes.Ci.Runs;

/// <summary>
/// Finds the run a step works for: the run id given (a child workflow such as promote-on-green working for its
/// parent's run), else the run whose workflow instance this is (set by ResolveRun). Knows nothing of the engine: the
/// caller passes the instance id and the step's type name (which names its logger).
/// </summary>
public sealed class RunContextFactory(RunRecords records, TimeProvider time, ILoggerFactory loggers)
{
    public async Task<RunContext> ForAsync(string workflowInstanceId, string? runId, string stepType, CancellationToken cancellationToken)
    {
        var record = !string.IsNullOrWhiteSpace(runId)
            ? await records.GetAsync(runId, cancellationToken)
            : await records.FindByInstanceAsync(workflowInstanceId, cancellationToken);
        if (record is null)
            throw new InvalidOperationException(string.IsNullOrWhiteSpace(runId)
                ? $"Workflow instance {workflowInstanceId} has no run: start the flow with Recipes.ResolveRun."
                : $"Run {runId} has no run record.");
        return new RunContext(record, records, time, loggers.CreateLogger("Recipes.Ci.Runs." + stepType));
    }
}
