namespace Recipes.Swarm.Stacks;

/// <summary>A service's state while a deploy converges, reported whenever it changes.</summary>
public sealed record DeployProgress(string Service, ServiceState State, int Running, int Desired, string? Message);

/// <summary>Where one service of a deploy stands.</summary>
public enum ServiceState
{
    /// <summary>Tasks are scheduled, starting or waiting for their healthcheck.</summary>
    Starting,
    /// <summary>Swarm is replacing old tasks by new ones.</summary>
    Updating,
    /// <summary>Every desired replica runs the current spec, healthy.</summary>
    Running,
    /// <summary>Swarm's automatic rollback has started for this service.</summary>
    RollingBack,
    /// <summary>The service failed: failed tasks, a restart loop or a paused update.</summary>
    Failed,
    /// <summary>Swarm rolled the service back to its previous spec: the deploy failed.</summary>
    RolledBack,
}
