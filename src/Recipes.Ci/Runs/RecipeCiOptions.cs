using Recipes.Ci.Configuration;
using Recipes.Ci.Locking;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Runs;

/// <summary>What the Recipes.* activities need from configuration, gathered by the composition root.</summary>
/// <param name="DataDir">Work trees go to <c>DataDir/worktrees</c>, JUnit reports to <c>DataDir/reports/&lt;run&gt;</c>.</param>
/// <param name="UndeployTimeout">How long an undeploy may wait for containers to go.</param>
public sealed record RecipeCiOptions(
    string DataDir,
    string Domain,
    int MaxTests,
    RecipePaths Paths,
    PersistenceOptions Persistence,
    DockerOptions Docker,
    AppLockOptions Locks,
    TimeSpan UndeployTimeout)
{
    /// <summary>Configuration <c>Snapshots:Transport</c>.</summary>
    public SnapshotTransport SnapshotTransport { get; init; } = SnapshotTransport.Auto;

    /// <summary>Configuration <c>Ci:WarmCanonicals</c>: keep canonical apps deployed between runs.</summary>
    public bool WarmCanonicals { get; init; } = true;

    /// <summary>Configuration <c>Ci:PromoteFrom</c>: the refs whose commits may become a canonical.</summary>
    public Canonicals.PromoteFrom PromoteFrom { get; init; } = Canonicals.PromoteFrom.Default;

    public string WorkTreesRoot => Path.Combine(DataDir, "worktrees");

    public string ReportsRoot => Path.Combine(DataDir, "reports");
}
