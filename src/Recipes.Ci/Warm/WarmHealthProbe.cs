using System.Text.RegularExpressions;
using Recipes.Ci.Configuration;
using Recipes.Ci.Http;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Warm;

/// <summary>
/// The health gate of a warm dependency: its services run, and its health endpoint answers 2xx within the
/// configured timeout. The endpoint is <c>HealthGate:Url</c> (on 127.0.0.1, <c>${VAR}</c> from the app's env) or
/// else <c>https://warm-&lt;name&gt;.&lt;Ci:Domain&gt;&lt;HealthGate:Path&gt;</c>.
/// </summary>
public sealed partial class WarmHealthProbe(WarmDependencyCatalog dependencies, WarmSpecs specs, AppPresence presence, RecipeCiOptions options,
    IHttpClientFactory httpClients, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>Null when healthy, else why not.</summary>
    public async Task<string?> CheckAsync(string name, string version, CancellationToken cancellationToken)
    {
        var settings = dependencies.Get(name);
        var app = WarmDependencyCatalog.AppOf(name);
        var uri = await EndpointAsync(settings, name, version, cancellationToken);
        using var http = httpClients.CreateClient(RecipeCiHttpClients.HealthProbe);
        var deadline = time.GetUtcNow() + settings.HealthGate.Timeout;
        var last = "no answer";
        while (true)
        {
            var state = await presence.GetAsync(app, cancellationToken);
            if (state.Services == 0)
                return $"app {app} is not deployed";
            if (state.RunningContainers == 0)
                last = "no running container";
            else
                last = await ProbeAsync(http, uri, cancellationToken) ?? "";
            if (last.Length == 0)
                return null;
            if (time.GetUtcNow() >= deadline)
                return $"{uri} did not answer 2xx within {settings.HealthGate.Timeout}: {last}";
            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    private async Task<Uri> EndpointAsync(WarmDependencySettings settings, string name, string version, CancellationToken cancellationToken)
    {
        if (settings.HealthGate.Url is not { } template)
            return new Uri($"https://{WarmDependencyCatalog.AppOf(name).Value}.{options.Domain}{settings.HealthGate.Path}");
        var spec = await specs.LoadAsync(name, version, cancellationToken);
        using var _ = spec.WorkTree;
        var url = Variable().Replace(template, m => spec.Environment[m.Groups[1].Value] ?? m.Value);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Health URL '{url}' of warm dependency {name} must be http(s) on 127.0.0.1.");
        return uri;
    }

    // Null on 2xx, else what went wrong.
    private static async Task<string?> ProbeAsync(HttpClient http, Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
