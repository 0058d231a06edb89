using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecipeCi.Health;

/// <summary>
/// Writes <c>GET /health</c> as <c>{"status":"ok"|"unhealthy","checks":{"database":"ok","bus":"ok","docker":"&lt;error&gt;"}}</c>.
/// Each check says <c>ok</c> or the error, so an operator sees what to fix without reading logs.
/// </summary>
public static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unhealthy",
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => e.Value.Status == HealthStatus.Healthy ? "ok" : e.Value.Description ?? e.Value.Exception?.Message ?? "failed"),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
