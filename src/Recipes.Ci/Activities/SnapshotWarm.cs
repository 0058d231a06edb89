using Recipes.Ci.Persistence;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// The pre-upgrade snapshot of a warm dependency (undeployed briefly). Empty SnapshotId when there is nothing to
/// snapshot: no volumes (version-only rollback) or nothing deployed yet.
/// </summary>
[Activity("Recipes", "SnapshotWarm", Category = "Recipes", DisplayName = "Snapshot warm dependency",
    Description = "Undeploy a warm dependency (volumes kept) and snapshot its volumes before an upgrade; nothing for an app without volumes.")]
public sealed class SnapshotWarm(WarmSnapshotter snapshotter, WarmDependencyStateStore states, ILogger<SnapshotWarm> logger) : WarmDependencyActivity(logger)
{
    [Output(Description = "The snapshot id; empty when nothing was snapshotted.")]
    public string? SnapshotId { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = DependencyName;
        var current = (await states.GetAsync(name, cancellationToken))?.Current;
        var id = current is null ? null : await snapshotter.TakeAsync(name, current, cancellationToken);
        context.SetOutput(nameof(SnapshotId), id ?? "");
        return FlowPorts.Done;
    }
}
