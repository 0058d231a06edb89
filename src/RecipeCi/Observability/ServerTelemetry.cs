using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;
using RecipeCi.Configuration;
using Recipes.Ci.Diagnostics;
using Workflows.Core.Diagnostics;
using Workflows.Hosting.Recovery;

namespace RecipeCi.Observability;

/// <summary>
/// The one place exporters are chosen. Metrics: the .NET meters of the engine ("Workflows"), recipe CI
/// ("Recipes"), recovery ("recipeci.workflows") and the server ("RecipeCi") are bridged by prometheus-net's
/// meter adapter and served on <c>GET /metrics</c>. Traces: the engine's "Workflows" spans go to an OTLP
/// collector when <c>Telemetry:OtlpEndpoint</c> is set (nothing is collected otherwise).
/// </summary>
public static class ServerTelemetry
{
    private static readonly string[] Meters =
        [WorkflowDiagnostics.Name, RecipesDiagnostics.Name, RecoveryMetrics.MeterName, ServerGauges.MeterName];

    public static IServiceCollection AddRecipeCiTelemetry(this IServiceCollection services, IConfiguration configuration, string nodeId)
    {
        // Only our meters: the adapter otherwise exports every meter in the process (HttpClient, Kestrel, EF Core
        // internals), which multiplies series without answering an operator's question. prometheus-net still adds
        // its process_* and dotnet_* collectors.
        Metrics.ConfigureMeterAdapter(adapter => adapter.InstrumentFilterPredicate = instrument => Meters.Contains(instrument.Meter.Name));
        services.AddHostedService<ServerGauges>();

        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint)) return services;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigurationException([
                $"Telemetry:OtlpEndpoint = '{endpoint}' is not allowed; use the http(s) URL of an OTLP collector (e.g. http://127.0.0.1:4317 for gRPC)."]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("recipeci", serviceInstanceId: nodeId))
            .WithTracing(tracing => tracing
                .AddSource(WorkflowDiagnostics.Name)
                .AddOtlpExporter(otlp => otlp.Endpoint = uri));
        return services;
    }

    public static IEndpointRouteBuilder MapRecipeCiMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMetrics("/metrics");
        return endpoints;
    }
}
