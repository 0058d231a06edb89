using Recipes.Ci.Canonicals;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Makes an app's volumes exactly a snapshot again, verified first: by default the run's app from the recipe's
/// canonical snapshot (a failed quick run puts the canonical back). The app is undeployed first (volumes kept),
/// since a restore needs volumes no container holds. Idempotent: restoring twice gives the same bytes.
/// </summary>
[Activity("Recipes", "Restore", Category = "Recipes", DisplayName = "Restore snapshot",
    Description = "Undeploy the app (keep volumes) and restore a verified snapshot exactly; by default the canonical's into the run's app.")]
[FlowPort(Done)]
[FlowPort(NoSnapshot)]
public sealed class Restore(
    RunContextFactory runs,
    CanonicalRegistry canonicals,
    CanonicalServing serving,
    RunWorkspace workspace,
    SnapshotRestorer restorer) : RecipeActivity(runs)
{
    public const string Done = FlowPorts.Done;
    public const string NoSnapshot = "NoSnapshot";

    [Input(Description = "The app to restore into; empty means the run's app.", UIHint = "singleline", Order = 0)]
    public string? App { get; set; }

    [Input(Description = "The snapshot id; empty means the recipe's canonical snapshot.", UIHint = "singleline", Order = 1)]
    public string? SnapshotId { get; set; }

    [Input(Description = "The app the snapshot was taken of; empty means the target app (or the canonical's).", UIHint = "singleline", Order = 2)]
    public string? SnapshotApp { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var target = string.IsNullOrWhiteSpace(App) ? run.App : AppName.Parse(App);
        string id, source, commit;
        if (string.IsNullOrWhiteSpace(SnapshotId))
        {
            var canonical = await canonicals.GetAsync(run.Record.Recipe, cancellationToken);
            if (canonical is null)
                return NoSnapshot;
            (id, source, commit) = (canonical.SnapshotId, canonical.SnapshotApp, canonical.Commit);
        }
        else
            (id, source, commit) = (SnapshotId, string.IsNullOrWhiteSpace(SnapshotApp) ? target.Value : SnapshotApp, RunWorkspace.OwnRef(run.Record));

        var spec = await workspace.SpecAsync(run, commit, RunWorkTrees.Restored(run.RunId), target, cancellationToken);
        var role = target == RunApps.Canonical(run.Record.Recipe) ? AppRole.Canonical : AppRole.Run;
        if (role == AppRole.Canonical)
            await serving.ForgetAsync(run.Record.Recipe, cancellationToken);
        await run.TimeAsync("restore", () => restorer.RestoreAsync(AppName.Parse(source), Swarm.Snapshots.SnapshotId.Parse(id), target, role, spec.HelperImage, cancellationToken), cancellationToken);
        return Done;
    }
}
