using Docker.DotNet;
using Docker.DotNet.Models;

namespace TestKit;

/// <summary>
/// Tracks the Swarm services, stacks, volumes, networks and containers a test creates and removes them when
/// the test ends, whether it passed or failed (use with <c>await using</c> or as an xunit fixture).
/// </summary>
public sealed class DockerResources(IDockerClient docker) : IAsyncDisposable
{
    private readonly List<string> _stacks = [];
    private readonly List<string> _services = [];
    private readonly List<string> _volumes = [];
    private readonly List<string> _containers = [];

    public IDockerClient Client => docker;

    /// <summary>Everything labelled with this stack namespace (services, networks, configs, secrets, volumes) is removed.</summary>
    public string Stack(string name) { lock (_stacks) _stacks.Add(name); return name; }

    public string Service(string name) { lock (_services) _services.Add(name); return name; }

    public string Volume(string name) { lock (_volumes) _volumes.Add(name); return name; }

    public string Container(string id) { lock (_containers) _containers.Add(id); return id; }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        foreach (var id in _containers) await Quietly(() => docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct));

        var stackFilter = _stacks.Select(s => $"com.docker.stack.namespace={s}").ToList();
        var services = new List<string>(_services);
        foreach (var filter in stackFilter)
        {
            var found = await docker.Swarm.ListServicesAsync(new ServiceListParameters { Filters = LabelFilter(filter) }, ct);
            services.AddRange(found.Select(s => s.Spec?.Name ?? s.ID));
        }
        foreach (var service in services.Distinct()) await Quietly(() => docker.Swarm.RemoveServiceAsync(service, ct));
        await WaitForContainersGoneAsync(services, ct);

        foreach (var filter in stackFilter)
        {
            var networks = await docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(filter) }, ct);
            foreach (var n in networks) await Quietly(() => docker.Networks.DeleteNetworkAsync(n.ID, ct));
            var stack = filter.Split('=')[1];
            var configs = await docker.Configs.ListConfigsAsync(ct);
            foreach (var c in configs.Where(c => StackOf(c.Spec?.Labels) == stack)) await Quietly(() => docker.Configs.RemoveConfigAsync(c.ID, ct));
            var secrets = await docker.Secrets.ListAsync(ct);
            foreach (var s in secrets.Where(s => StackOf(s.Spec?.Labels) == stack)) await Quietly(() => docker.Secrets.DeleteAsync(s.ID, ct));
            var volumes = await docker.Volumes.ListAsync(new VolumesListParameters { Filters = LabelFilter(filter) }, ct);
            foreach (var v in volumes.Volumes ?? []) _volumes.Add(v.Name);
        }
        foreach (var volume in _volumes.Distinct()) await RemoveVolumeAsync(volume, ct);
    }

    private async Task WaitForContainersGoneAsync(IReadOnlyCollection<string> services, CancellationToken ct)
    {
        if (services.Count == 0) return;
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true }, ct);
                return containers.Any(c => c.Labels is not null && c.Labels.TryGetValue("com.docker.swarm.service.name", out var s) && services.Contains(s));
            }, left => !left, TimeSpan.FromSeconds(30), _ => "containers left", TimeSpan.FromMilliseconds(500), ct);
        }
        catch (TimeoutException)
        {
            // Cleanup is best effort and must not fail the test it follows: the volume removal below retries on its own.
        }
    }

    private async Task RemoveVolumeAsync(string volume, CancellationToken ct)
    {
        // A volume stays "in use" for a moment after its last container is removed: that refusal means "not yet".
        try
        {
            await Eventually.UntilAsync<bool, DockerApiException>(async () =>
            {
                try { await docker.Volumes.RemoveAsync(volume, true, ct); }
                catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound) { }
                return true;
            }, _ => true, TimeSpan.FromSeconds(10), () => $"volume {volume} still in use", TimeSpan.FromMilliseconds(500), ct);
        }
        catch (TimeoutException)
        {
            // Best effort, as above: a volume still in use after 10 s is left for the next cleanup by prefix.
        }
    }

    private static string? StackOf(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue("com.docker.stack.namespace", out var stack) ? stack : null;

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string label) =>
        new() { ["label"] = new Dictionary<string, bool> { [label] = true } };

    private static async Task Quietly(Func<Task> action)
    {
        try { await action(); }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound) { }
        // A swarm network just removed is still listed for a moment, and deleting it then answers 500 "not found".
        catch (DockerApiException ex) when (ex.Message.Contains("not found", StringComparison.Ordinal)) { }
    }
}
