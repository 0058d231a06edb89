using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Configuration;

/// <summary>Every validated setting of DESIGN.md section 6, read once at start.</summary>
public sealed record RecipeCiSettings(
    string DataDir,
    PersistenceOptions Persistence,
    BusOptions Bus,
    DockerOptions Docker,
    RecipePaths Paths,
    CiOptions Ci,
    AlertsOptions Alerts,
    WarmOptions Warm,
    TenantsOptions Tenants)
{
    /// <summary>The workflow server: node id, worker concurrency, lease, shutdown deadline, workflows folder.</summary>
    public WorkflowServerOptions Runtime { get; init; } = new();

    /// <summary><c>Snapshots:Transport</c>: Auto (default), Archive or Direct.</summary>
    public SnapshotTransport SnapshotTransport { get; init; } = SnapshotTransport.Auto;

    /// <summary><c>Ci:Tests:*</c>: the test sandbox (image or unprivileged user) and whose tests run.</summary>
    public TestSandboxOptions Tests { get; init; } = TestSandboxOptions.Default;

    /// <summary><c>Swarm:ExternalNetworks</c>: the shared networks recipes may name as external (default <c>proxy</c>).</summary>
    public Recipes.Swarm.Stacks.SwarmOptions Swarm { get; init; } = Recipes.Swarm.Stacks.SwarmOptions.Default;

    /// <summary><c>Snapshots:KeepPerRecipe</c>: snapshots kept per recipe beyond the referenced ones (see Recipes.Ci.Canonicals.SnapshotRetention).</summary>
    public int SnapshotsKeepPerRecipe { get; init; } = 3;

    /// <summary><c>Prune:HostWide</c>: prune also what recipeci did not make (other stopped containers, dangling images, build cache).</summary>
    public bool PruneHostWide { get; init; }
}
