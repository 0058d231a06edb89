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
}
