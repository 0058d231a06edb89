using Recipes.Swarm.Snapshots;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Snapshots the run's app's volumes (the app must be undeployed). Idempotent: when this run already left a valid
/// snapshot of the app (taken since the run started), that one is reused instead of taking another.
/// </summary>
[Activity("Recipes", "Snapshot", Category = "Recipes", DisplayName = "Snapshot volumes",
    Description = "Snapshot the (undeployed) app's volumes: tar per volume with SHA-256, manifest written last. Reuses this run's finished snapshot.")]
public sealed class Snapshot(RunContextFactory runs, RunWorkspace workspace, VolumeSnapshots snapshots) : RecipeActivity(runs)
{
    [Output(Description = "The snapshot id.")]
    public string? SnapshotId { get; set; }

    [Output(Description = "The app the snapshot was taken of.")]
    public string? App { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var app = run.App;
        var existing = (await snapshots.ListAsync(app, cancellationToken)).Where(m => m.CreatedAt >= run.Record.StartedAt).OrderByDescending(m => m.CreatedAt);
        foreach (var manifest in existing)
        {
            if ((await snapshots.VerifyAsync(app, Swarm.Snapshots.SnapshotId.Parse(manifest.Id), cancellationToken)).IsValid)
            {
                run.Logger.LogInformation("Run {RunId}: reusing snapshot {App}/{Id}", run.RunId, app.Value, manifest.Id);
                return Done(context, app.Value, manifest.Id);
            }
        }
        var spec = await workspace.SpecAsync(run, app, cancellationToken);
        var taken = await run.TimeAsync("snapshot", () => snapshots.TakeAsync(app, spec.HelperImage, null, cancellationToken), cancellationToken);
        return Done(context, app.Value, taken.Id);
    }

    private static string Done(ActivityContext context, string app, string id)
    {
        context.SetOutput(nameof(SnapshotId), id);
        context.SetOutput(nameof(App), app);
        return FlowPorts.Done;
    }
}
