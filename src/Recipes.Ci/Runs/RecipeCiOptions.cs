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

    /// <summary>Configuration <c>Ci:Tests:*</c>: where and whose test commands run.</summary>
    public TestSandboxOptions Tests { get; init; } = TestSandboxOptions.Default;

    /// <summary>Configuration section <c>Swarm</c>: the shared external networks.</summary>
    public Recipes.Swarm.Stacks.SwarmOptions Swarm { get; init; } = Recipes.Swarm.Stacks.SwarmOptions.Default;

    /// <summary>Configuration <c>Snapshots:KeepPerRecipe</c>: see <see cref="Canonicals.SnapshotRetention"/>.</summary>
    public int SnapshotsKeepPerRecipe { get; init; } = Canonicals.SnapshotRetention.DefaultKeepPerRecipe;

    /// <summary>Configuration <c>Prune:HostWide</c>: prunes may remove what recipeci did not label (off by default).</summary>
    public bool PruneHostWide { get; init; }

    /// <summary>Run page links and access (<c>Forge:PublicUrl</c>, <c>Ci:RunPageKey</c>, <c>Ci:PublicRunPages</c>).</summary>
    public RunPageOptions RunPages { get; init; } = new(new Uri(RunPageOptions.DefaultBaseUrl), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), false);

    /// <summary>Configuration <c>Ci:PromoteFrom</c>: the refs whose commits may become a canonical.</summary>
    public Canonicals.PromoteFrom PromoteFrom { get; init; } = Canonicals.PromoteFrom.Default;

    public string WorkTreesRoot => Path.Combine(DataDir, "worktrees");

    public string ReportsRoot => Path.Combine(DataDir, "reports");
}
