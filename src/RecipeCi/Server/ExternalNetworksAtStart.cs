using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Stacks;

namespace RecipeCi.Server;

/// <summary>
/// At <c>serve</c> start, makes the shared external networks (<c>Swarm:ExternalNetworks</c>) exist, as a Co-op Cloud
/// server has them after <c>abra server add</c>. Every deploy makes sure again, so an engine that is not answering yet
/// is logged, not fatal. The Docker round trips run beside the rest of the start (migrations, workflow import) instead
/// of before it; <c>/health</c>'s Docker check waits for <see cref="Completion"/>, so a healthy answer still means the
/// networks were seen to.
/// </summary>
public sealed class ExternalNetworksAtStart(ExternalNetworks networks, ILogger<ExternalNetworksAtStart> logger) : IHostedService
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done (never faulted) once start has tried to make the networks exist.</summary>
    public Task Completion => _completion.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => EnsureAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        try
        {
            await networks.EnsureAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not make the external networks {Networks} exist at start; each deploy tries again", string.Join(", ", networks.Names));
        }
        catch (OperationCanceledException)
        {
            // Start was cancelled (shutdown during start): nothing to report.
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
