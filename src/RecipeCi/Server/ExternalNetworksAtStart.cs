using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Stacks;

namespace RecipeCi.Server;

/// <summary>
/// At <c>serve</c> start, makes the shared external networks (<c>Swarm:ExternalNetworks</c>) exist, as a Co-op Cloud
/// server has them after <c>abra server add</c>. Every deploy makes sure again, so an engine that is not answering yet
/// is logged, not fatal.
/// </summary>
public sealed class ExternalNetworksAtStart(ExternalNetworks networks, ILogger<ExternalNetworksAtStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await networks.EnsureAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not make the external networks {Networks} exist at start; each deploy tries again", string.Join(", ", networks.Names));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
