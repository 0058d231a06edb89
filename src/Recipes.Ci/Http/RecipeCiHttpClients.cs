using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Recipes.Ci.Http;

/// <summary>
/// The named HTTP clients of Recipes.Ci, registered once with <see cref="IHttpClientFactory"/> (pooled handlers instead
/// of a client per probe), each with the resilience that fits what its answers mean.
/// </summary>
public static class RecipeCiHttpClients
{
    /// <summary>Health probes of run apps (HealthGate) and warm dependencies (WarmHealthProbe).</summary>
    public const string HealthProbe = "Recipes.HealthProbe";

    /// <summary>Gitea/Forgejo's REST API.</summary>
    public const string Forge = "Recipes.Forge";

    /// <summary>How long one probe waits for an answer: the probe loop tries again until its gate's own timeout.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>One forge call's bound, as before the factory: an attempt and its retries share it.</summary>
    private static readonly TimeSpan ForgeTimeout = TimeSpan.FromSeconds(30);

    internal static IServiceCollection AddRecipeCiHttpClients(this IServiceCollection services)
    {
        // No resilience handler: a probe that fails is an answer (unhealthy, with the reason), not a fault to retry. The
        // probe loops already poll until their gate's timeout, and a handler's retries or circuit breaker would hide
        // the answer or hold it past that timeout.
        services.AddHttpClient(HealthProbe, client => client.Timeout = ProbeTimeout);

        // Retrying only safe methods: the collaborator check (GET) in the webhook gate rides over a forge
        // hiccup, while a status or comment POST is not repeated here (a comment posted twice is a duplicate): the
        // forge outbox retries those with its own schedule and records what it gave up on.
        services.AddHttpClient(Forge).AddSafeMethodResilience(ForgeTimeout);
        return services;
    }

    /// <summary>
    /// The standard resilience handler (rate limit, timeouts, retry with backoff on 5xx/408/429 and connection errors,
    /// circuit breaker) retrying only safe methods (GET, HEAD, ...), with one call and its retries bounded by
    /// <paramref name="bound"/>, as the client's single timeout bounded it before. A POST is sent once.
    /// </summary>
    public static IHttpClientBuilder AddSafeMethodResilience(this IHttpClientBuilder builder, TimeSpan bound)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddStandardResilienceHandler(options =>
        {
            options.Retry.DisableForUnsafeHttpMethods();
            options.AttemptTimeout.Timeout = bound;
            options.TotalRequestTimeout.Timeout = bound;
            // Polly requires the breaker's sampling window to be at least twice the attempt timeout.
            options.CircuitBreaker.SamplingDuration = 2 * bound;
        });
        return builder;
    }
}
