using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// The server's shared external networks (<see cref="SwarmOptions.ExternalNetworks"/>): each is made to exist as an
/// attachable overlay network labelled <see cref="Labels.Managed"/>, as a Co-op Cloud server has <c>proxy</c> after
/// <c>abra server add</c>. They carry no stack namespace, so no stack's removal takes them, and prune leaves networks alone.
/// </summary>
public sealed class ExternalNetworks(IDockerClient docker, SwarmOptions options, ILogger<ExternalNetworks> logger)
{
    /// <summary>Docker's own node-local network: always there, never recipeci's to create, so always allowed.</summary>
    public const string HostNetwork = "host";

    // Two deploys starting together must not both create the network (Swarm may accept duplicate names).
    private readonly SemaphoreSlim _creating = new(1, 1);

    public IReadOnlyList<string> Names => options.ExternalNetworks;

    /// <summary>Makes every configured external network exist (at <c>serve</c> start).</summary>
    public async Task EnsureAllAsync(CancellationToken cancellationToken)
    {
        foreach (var name in options.ExternalNetworks) await EnsureAsync(name, cancellationToken);
    }

    /// <summary>
    /// Makes the external network <paramref name="name"/> exist, creating it when missing. A name outside
    /// <see cref="SwarmOptions.ExternalNetworks"/> is refused, naming the network, the recipe's key and the setting.
    /// </summary>
    public async Task EnsureForRecipeAsync(string key, string name, CancellationToken cancellationToken)
    {
        if (name == HostNetwork)
        {
            await EnsureAsync(name, cancellationToken, create: false);
            return;
        }
        if (!options.ExternalNetworks.Contains(name, StringComparer.Ordinal))
        {
            var allowed = options.ExternalNetworks.Count == 0 ? "it is empty" : "it holds " + string.Join(", ", options.ExternalNetworks);
            throw new StackDeployException(
                $"network '{key}' is external and names '{name}', which is not in {SwarmOptions.ExternalNetworksKey} ({allowed}); "
                + $"add '{name}' to {SwarmOptions.ExternalNetworksKey} to have recipeci create it as a shared overlay network, or drop 'external: true' to make it the stack's own");
        }
        await EnsureAsync(name, cancellationToken);
    }

    private async Task EnsureAsync(string name, CancellationToken ct, bool create = true)
    {
        await _creating.WaitAsync(ct);
        try
        {
            if (await FindAsync(name, ct) is { } existing)
            {
                if (name != HostNetwork && existing.Driver != "overlay")
                    throw new StackDeployException(
                        $"external network '{name}' exists as a {existing.Driver} network, but Swarm services need an overlay network; remove it (docker network rm {name}) and recipeci creates it");
                return;
            }
            if (!create) throw new StackDeployException($"network '{name}' does not exist on this engine");
            await docker.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = name,
                Driver = "overlay",
                Scope = "swarm",
                Attachable = true,
                Labels = new Dictionary<string, string> { [Labels.Managed] = "true" },
            }, ct);
            logger.LogInformation("Created the shared external network {Network} (attachable overlay)", name);
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Another recipeci process created it meanwhile: that is what was wanted.
            logger.LogDebug("External network {Network} was created concurrently", name);
        }
        finally
        {
            _creating.Release();
        }
    }

    private async Task<NetworkResponse?> FindAsync(string name, CancellationToken ct) =>
        (await docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = DockerFilters.Of("name", name) }, ct))
        .FirstOrDefault(n => n.Name == name);
}
