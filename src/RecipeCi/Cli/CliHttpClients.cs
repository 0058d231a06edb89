using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Http;

namespace RecipeCi.Cli;

/// <summary>
/// The CLI's HTTP clients, from one <see cref="IHttpClientFactory"/> per command (a CLI process runs one command),
/// each with the resilience that fits its protocol.
/// </summary>
public sealed class CliHttpClients : IDisposable
{
    /// <summary><c>recipeci runs ...</c>: the server's run API and run pages.</summary>
    public const string RunsApi = "RecipeCi.RunsApi";

    /// <summary><c>recipeci trigger</c>: the signed webhook POST.</summary>
    public const string Webhook = "RecipeCi.Webhook";

    /// <summary><c>recipeci trigger --wait</c>: the run page it follows.</summary>
    public const string RunPage = "RecipeCi.RunPage";

    /// <summary>How long one webhook attempt waits for the answer (the server answers within seconds, whatever its bus does).</summary>
    public static readonly TimeSpan WebhookAttemptTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RunsApiTimeout = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider _services = Register(new ServiceCollection()).BuildServiceProvider();

    public HttpClient Create(string name) => _services.GetRequiredService<IHttpClientFactory>().CreateClient(name);

    public void Dispose() => _services.Dispose();

    /// <summary>Registers the clients (also usable from a composition root that builds the CLI's services).</summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        // The standard handler, retrying only safe methods: a `runs list` or `runs show` rides over a server restart or
        // a 503, while `runs cancel` and `runs retry` (POST) are sent once, as before. One call keeps today's 60 s bound.
        services.AddHttpClient(RunsApi).AddSafeMethodResilience(RunsApiTimeout);
        // No handler: trigger has its own bounded retry that resends the same delivery id and reads a 409 replay
        // answer as "accepted"; a handler retrying underneath would hide those answers and multiply the attempts.
        services.AddHttpClient(Webhook, client => client.Timeout = WebhookAttemptTimeout);
        // No handler: the follower polls the page every few seconds until its --timeout, so a failed poll is just
        // the next poll's business.
        services.AddHttpClient(RunPage, client => client.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
