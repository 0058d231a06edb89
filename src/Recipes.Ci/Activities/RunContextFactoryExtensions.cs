using Recipes.Ci.Runs;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>Finds runs from an activity's context (see <see cref="RunContextFactory"/>).</summary>
public static class RunContextFactoryExtensions
{
    /// <summary>The run of the activity that <paramref name="activity"/> describes.</summary>
    public static Task<RunContext> ForAsync(this RunContextFactory runs, ActivityContext activity, string? runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(activity);
        return runs.ForAsync(activity.WorkflowInstanceId, activity.Node.Type, runId, cancellationToken);
    }
}
