using System.Net;
using System.Threading.RateLimiting;

namespace Workflows.Hosting.Security;

/// <summary>
/// Counts wrong API keys per client address (the Authorization header and the login form alike); a client past the
/// limit in the current minute is refused with 429 before its key is even compared, right key or not. Right keys
/// cost nothing, so busy API clients are never throttled.
/// </summary>
public sealed class FailedKeyThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedKeyThrottle(int failuresPerMinute)
    {
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = failuresPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public static TimeSpan RetryAfter { get; } = TimeSpan.FromMinutes(1);

    /// <summary>True when the client has used up its wrong attempts for this minute.</summary>
    public bool IsBlocked(HttpContext context) => _failures.GetStatistics(ClientOf(context))?.CurrentAvailablePermits == 0;

    /// <summary>Counts one wrong key.</summary>
    public void RecordFailure(HttpContext context)
    {
        using var lease = _failures.AttemptAcquire(ClientOf(context));
    }

    /// <summary>The client's address (after Http:ForwardedHeaders, when a trusted proxy forwarded it).</summary>
    public static string ClientOf(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    public void Dispose() => _failures.Dispose();
}
