using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using RecipeCi.Server;
using Recipes.Swarm.Docker;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Dispatch;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Health;

/// <summary>Registers the database, bus and Docker engine checks and maps <c>GET /health</c>.</summary>
public static class HealthEndpoints
{
    public static IServiceCollection AddRecipeCiHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .Add(new("database", sp => new ProbeHealthCheck(sp.GetRequiredService<DatabaseProbe>().ProbeAsync), null, null))
            .Add(new("bus", sp => new ProbeHealthCheck(sp.GetRequiredService<BusProbe>().ProbeAsync), null, null))
            .Add(new("docker", sp => new ProbeHealthCheck(async ct =>
            {
                // Start's Docker work (the external networks) runs beside the rest of the start: ok only once it is done.
                if (sp.GetService<ExternalNetworksAtStart>() is { } networksAtStart)
                    await networksAtStart.Completion.WaitAsync(ct);
                var factory = sp.GetRequiredService<DockerClientFactory>();
                using var client = factory.Create();
                try
                {
                    await client.System.PingAsync(ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The transport's own words ("Cannot assign requested address") do not say what is wrong.
                    // No inner exception: the health writer reports the innermost message, and this one is the useful one.
                    throw new InvalidOperationException(
                        $"no Docker engine answers at {factory.Endpoint} ({e.GetBaseException().Message}); is dockerd running, and is Docker:Endpoint right?");
                }
            }), null, null));
        return services;
    }

    public static IEndpointRouteBuilder MapRecipeCiHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
            Predicate = check => check.Name != WorkflowBus.HealthCheckName,
        });
        return endpoints;
    }
}
