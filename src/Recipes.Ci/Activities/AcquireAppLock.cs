using System.Text.Json.Nodes;
using Recipes.Ci.Locking;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Per-app serialization: takes the app's lock for the run, or suspends the workflow (a timer bookmark) until it
/// gets it. A release hands the lock to the oldest waiter, which proceeds on its next wake; a holder that died
/// (process gone, instance ended, lease not renewed) is taken over. Idempotent: the holder acquiring again renews.
/// </summary>
[Activity("Recipes", "AcquireAppLock", Category = "Recipes", DisplayName = "Acquire app lock",
    Description = "Wait (suspended) until no other run uses the app, then hold it; default app: warm-<recipe> of the run.")]
[FlowPort(FlowPorts.Done)]
[FlowPort(FaultPort.Name)]
public sealed class AcquireAppLock(RunContextFactory runs, AppLocks locks, ILogger<AcquireAppLock> logger) : Activity
{
    public const string BookmarkName = "Recipes.AppLock";

    [Input(Description = "The app to hold; empty means the run's canonical app warm-<recipe>.", UIHint = "singleline", Order = 0)]
    public string? App { get; set; }

    [Input(Description = "The run; empty means the run of this workflow instance.", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "The app held.")]
    public string? HeldApp { get; set; }

    [Output(Description = "True when the run had to wait for another run.")]
    public bool Waited { get; set; }

    public override ValueTask ExecuteAsync(ActivityContext context) => TryAsync(context, waited: false);

    public override ValueTask ResumeAsync(ActivityContext context, JsonNode? payload) => TryAsync(context, waited: true);

    private async ValueTask TryAsync(ActivityContext context, bool waited)
    {
        try
        {
            await AcquireOrWaitAsync(context, waited);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            // A waiter that faults gives up its place, so a release never hands the app to it (a retry queues afresh).
            await locks.LeaveQueuesAsync(context.WorkflowInstanceId, CancellationToken.None);
            throw;
        }
    }

    private async Task AcquireOrWaitAsync(ActivityContext context, bool waited)
    {
        var run = await runs.ForAsync(context.WorkflowInstanceId, RunId, context.Node.Type, context.CancellationToken);
        var app = context.Properties["app"]?.GetValue<string>()
                  ?? (string.IsNullOrWhiteSpace(App) ? RunApps.Canonical(run.Record.Recipe).Value : App);
        context.Properties["app"] = app;
        var attempt = await locks.TryAcquireAsync(app, run.RunId, context.WorkflowInstanceId, context.CancellationToken);
        if (attempt.Acquired)
        {
            if (attempt.Stolen is { } dead)
                context.Log("TookOver", $"run {dead.RunId} held {app} but is dead");
            context.SetOutput(nameof(HeldApp), app);
            context.SetOutput(nameof(Waited), waited);
            context.Complete(FlowPorts.Done);
            return;
        }
        logger.LogInformation("Run {RunId} waits for app {App}, held by run {Holder}", run.RunId, app, attempt.Holder.RunId);
        if (!waited)
            context.Log("Waiting", $"{app} is held by run {attempt.Holder.RunId}");
        context.CreateBookmark(BookmarkName, new JsonObject { ["app"] = app, ["holder"] = attempt.Holder.RunId },
            context.Clock.UtcNow + locks.Options.PollInterval);
    }
}
