using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>Undeploys stacks.</summary>
public interface IStackRemover
{
    /// <summary>
    /// Removes the stack's services, waits until its containers are gone, then removes its networks, configs and
    /// secrets. Volumes stay, unless <paramref name="purgeVolumes"/>. Removing a stack that is not deployed is a no-op.
    /// </summary>
    Task<UndeployResult> UndeployAsync(AppName app, bool purgeVolumes, TimeSpan timeout, CancellationToken cancellationToken = default);
}

/// <summary>What an undeploy removed, by name.</summary>
public sealed record UndeployResult(
    string Stack,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Networks,
    IReadOnlyList<string> Configs,
    IReadOnlyList<string> Secrets,
    IReadOnlyList<string> Volumes);
