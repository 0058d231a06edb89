using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RecipeCi.Configuration;
using Recipes.Ci.Diagnostics;
using Workflows.Core.Diagnostics;
using Workflows.Hosting.Recovery;

namespace RecipeCi.Observability;

/// <summary>
/// The one place exporters are chosen. Metrics: the .NET meters of the engine ("Workflows"), recipe CI
/// ("Recipes"), recovery ("recipeci.workflows") and the server ("RecipeCi") go through the OpenTelemetry SDK to its
/// Prometheus exporter, served on <c>GET /metrics</c> (names: README, "Metrics"). Traces: the engine's "Workflows"
/// spans go to an OTLP collector when <c>Telemetry:OtlpEndpoint</c> is set (nothing is collected otherwise).
/// </summary>
public static class ServerTelemetry
{
    // Only our meters: listening to every meter in the process (HttpClient, Kestrel, EF Core internals) multiplies
    // series without answering an operator's question.
    private static readonly string[] Meters =
        [WorkflowDiagnostics.Name, RecipesDiagnostics.Name, RecoveryMetrics.MeterName, ServerGauges.MeterName];

    public static IServiceCollection AddRecipeCiTelemetry(this IServiceCollection services, IConfiguration configuration, string nodeId)
    {
        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
            throw new ConfigurationException([
                $"Telemetry:OtlpEndpoint = '{endpoint}' is not allowed; use the http(s) URL of an OTLP collector (e.g. http://127.0.0.1:4317 for gRPC)."]);

        services.AddSingleton(ServerGaugeOptions.From(configuration));
        services.AddHostedService<ServerGauges>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("recipeci", serviceInstanceId: nodeId))
            .WithMetrics(metrics => metrics.AddMeter(Meters).AddPrometheusExporter());
        if (otlp is not null)
            telemetry.WithTracing(tracing => tracing
                .AddSource(WorkflowDiagnostics.Name)
                .AddOtlpExporter(options => options.Endpoint = otlp));
        return services;
    }

    public static IEndpointRouteBuilder MapRecipeCiMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics");
        return endpoints;
    }
}
