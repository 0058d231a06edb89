using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RecipeCi.Health;

/// <summary>Adapts a probe (a call that throws when its dependency is down) to a health check with a timeout.</summary>
public sealed class ProbeHealthCheck(Func<CancellationToken, Task> probe) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy(ex.GetBaseException().Message);
        }
    }
}
