using Recipes.Ci.Persistence;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// After a passed health gate: the version becomes <c>current</c> and <c>last_good</c>, and the pre-upgrade snapshot
/// (when one was taken) becomes the referenced snapshot, which prune keeps. Idempotent: it writes the same state.
/// </summary>
[Activity("Recipes", "CommitLastGood", Category = "Recipes", DisplayName = "Commit last_good",
    Description = "Advance a warm dependency's last_good (and current) to the healthy version and keep its snapshot reference.")]
public sealed class CommitLastGood(WarmDependencyStateStore states, ILogger<CommitLastGood> logger) : WarmDependencyActivity(logger)
{
    [Input(Description = "The version that passed the health gate.", UIHint = "singleline", Order = 1)]
    public string? Version { get; set; }

    [Input(Description = "The pre-upgrade snapshot; empty keeps the current reference.", UIHint = "singleline", Order = 2)]
    public string? SnapshotId { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var name = DependencyName;
        var version = Required(Version, nameof(Version));
        var state = await states.GetAsync(name, cancellationToken);
        var snapshot = string.IsNullOrWhiteSpace(SnapshotId) ? state?.SnapshotId : SnapshotId.Trim();
        await states.SaveAsync(new WarmDependencyState(name, version, version, snapshot, null, default), cancellationToken);
        logger.LogInformation("Warm dependency {Name}: last_good is now {Version} (snapshot {Snapshot})", name, version, snapshot ?? "none");
        return FlowPorts.Done;
    }
}
