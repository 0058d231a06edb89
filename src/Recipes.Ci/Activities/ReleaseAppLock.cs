using Recipes.Ci.Locking;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Releases the run's hold on the app and hands it to the oldest waiting run. Idempotent: releasing a lock the
/// run does not hold (any more) only takes the run out of the queue.
/// </summary>
[Activity("Recipes", "ReleaseAppLock", Category = "Recipes", DisplayName = "Release app lock",
    Description = "Release the run's hold on the app; the oldest waiting run gets it. Default app: warm-<recipe> of the run.")]
[FlowPort(FlowPorts.Done)]
public sealed class ReleaseAppLock(RunContextFactory runs, AppLocks locks) : Activity
{
    [Input(Description = "The app; empty means the run's canonical app warm-<recipe>.", UIHint = "singleline", Order = 0)]
    public string? App { get; set; }

    [Input(Description = "The run; empty means the run of this workflow instance.", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "The run that holds the app now, if one was waiting.")]
    public string? NextRunId { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var run = await runs.ForAsync(context.WorkflowInstanceId, RunId, context.Node.Type, context.CancellationToken);
        var app = string.IsNullOrWhiteSpace(App) ? RunApps.Canonical(run.Record.Recipe).Value : App;
        // Not cancellable: a lock must not stay held because the run was being cancelled.
        var next = await locks.ReleaseAsync(app, run.RunId, CancellationToken.None);
        context.SetOutput(nameof(NextRunId), next?.RunId);
        context.Complete(FlowPorts.Done);
    }
}
