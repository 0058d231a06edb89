using Recipes.Ci.Persistence;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// After a failed upgrade: restores the pre-upgrade snapshot exactly (when there is one) and redeploys
/// <c>last_good</c>'s version, then checks its health. <c>last_good</c> is never advanced here. Without a
/// <c>last_good</c> (a first deploy failed) the app is taken down, volumes kept: <c>NoLastGood</c>.
/// </summary>
[Activity("Recipes", "RollbackWarm", Category = "Recipes", DisplayName = "Restore + rollback warm dependency",
    Description = "Restore a warm dependency's pre-upgrade snapshot and redeploy its last_good version; Unhealthy when even that fails its health gate.")]
[FlowPort(Done)]
[FlowPort(Unhealthy)]
[FlowPort(NoLastGood)]
public sealed class RollbackWarm(WarmRollback rollback, WarmDependencyStateStore states, ILogger<RollbackWarm> logger) : WarmDependencyActivity(logger)
{
    public const string Done = FlowPorts.Done;
    public const string Unhealthy = "Unhealthy";
    public const string NoLastGood = "NoLastGood";

    [Input(Description = "The pre-upgrade snapshot to restore; empty restores no data (version-only rollback).", UIHint = "singleline", Order = 1)]
    public string? SnapshotId { get; set; }

    [Output(Description = "The version rolled back to (last_good).")]
    public string? Version { get; set; }

    [Output(Description = "True when data was restored from the snapshot.")]
    public bool DataRestored { get; set; }

    [Output(Description = "Why last_good is unhealthy too, when it is.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = DependencyName;
        var state = await states.GetAsync(name, cancellationToken);
        if (state?.LastGood is not { } lastGood)
        {
            await rollback.TakeDownAsync(name, cancellationToken);
            return NoLastGood;
        }
        var snapshot = string.IsNullOrWhiteSpace(SnapshotId) ? null : SnapshotId.Trim();
        var result = await rollback.RunAsync(name, lastGood, snapshot, cancellationToken);
        // The restored snapshot now holds last_good's data: it becomes the referenced one, so prune keeps it.
        await states.SaveAsync(state with { Current = lastGood, SnapshotId = snapshot ?? state.SnapshotId }, cancellationToken);
        context.SetOutput(nameof(Version), lastGood);
        context.SetOutput(nameof(DataRestored), result.DataRestored);
        context.SetOutput(nameof(Reason), result.Problem ?? "");
        return result.Healthy ? Done : Unhealthy;
    }
}
