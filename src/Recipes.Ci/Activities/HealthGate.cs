using System.Text.RegularExpressions;
using Recipes.Ci.Http;
using Recipes.Swarm.Docker;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Checks that the run's app is deployed with running tasks and, when a health URL is given, that it answers 2xx
/// within the timeout. The URL may use the app's variables (<c>http://127.0.0.1:${PORT}/health</c>) and must
/// point at the loopback interface: recipeci probes nothing else. Read-only, so trivially idempotent.
/// </summary>
[Activity("Recipes", "HealthGate", Category = "Recipes", DisplayName = "Health gate",
    Description = "Check the app is converged and, optionally, answers 2xx on a 127.0.0.1 health URL within a timeout.")]
[FlowPort(Healthy)]
[FlowPort(Unhealthy)]
public sealed partial class HealthGate(RunContextFactory runs, RunWorkspace workspace, AppPresence presence, IHttpClientFactory httpClients, TimeProvider time) : RecipeActivity(runs)
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";

    [Input(Description = "Health URL on 127.0.0.1; ${VAR} is replaced from the app's env. Empty: convergence only.", UIHint = "singleline", Order = 0)]
    public string? HealthUrl { get; set; }

    [Input(Description = "How long the app has to answer.", TypeName = "TimeSpan", DefaultValueJson = "\"00:01:00\"", Order = 1)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    [Output(Description = "Why the gate failed.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var reason = await run.TimeAsync("health", () => CheckAsync(run, cancellationToken), cancellationToken);
        if (reason is null)
            return Healthy;
        run.Logger.LogWarning("Run {RunId}: {App} unhealthy: {Reason}", run.RunId, run.App.Value, reason);
        context.SetOutput(nameof(Reason), reason);
        await FailRunAsync(context, run, RunResults.Fail, reason, cancellationToken);
        return Unhealthy;
    }

    private async Task<string?> CheckAsync(RunContext run, CancellationToken cancellationToken)
    {
        var state = await presence.GetAsync(run.App, cancellationToken);
        if (state.Services == 0 || state.RunningContainers == 0)
            return $"app {run.App} is not running ({state.Services} services, {state.RunningContainers} running containers)";
        if (string.IsNullOrWhiteSpace(HealthUrl))
            return null;

        var spec = await workspace.SpecAsync(run, run.App, cancellationToken);
        var url = Variable().Replace(HealthUrl, m => spec.Environment[m.Groups[1].Value] ?? m.Value);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.IsLoopback || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"Health URL '{url}' must be http(s) on 127.0.0.1.");

        using var http = httpClients.CreateClient(RecipeCiHttpClients.HealthProbe);
        var deadline = time.GetUtcNow() + Timeout;
        var last = "no answer";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(uri, cancellationToken);
                if (response.IsSuccessStatusCode)
                    return null;
                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = e.Message;
            }
            if (time.GetUtcNow() >= deadline)
                return $"{uri} did not answer 2xx within {Timeout}: {last}";
            await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();
}
