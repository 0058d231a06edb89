using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>Read-only questions about deployed stacks.</summary>
public interface IStackQueries
{
    /// <summary>True when any service carries the app's stack namespace label.</summary>
    Task<bool> IsDeployedAsync(AppName app, CancellationToken cancellationToken = default);

    /// <summary>Every stack with at least one service, whoever deployed it (as <c>docker stack ls</c>).</summary>
    Task<IReadOnlyList<StackSummary>> ListStacksAsync(CancellationToken cancellationToken = default);

    /// <summary>The recipe version from the <c>coop-cloud.&lt;stack&gt;.version</c> service label, or null.</summary>
    Task<string?> GetDeployedVersionAsync(AppName app, CancellationToken cancellationToken = default);
}

/// <summary>A deployed stack: its name, service names and recipe version label when present.</summary>
public sealed record StackSummary(string Name, IReadOnlyList<string> Services, string? Version);
