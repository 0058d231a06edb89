namespace Recipes.Ci.Tenants;

/// <summary>Retries of transient admin-API failures (5xx, lock timeouts, connection errors), with exponential backoff and jitter.</summary>
public sealed record RetryOptions(int MaxRetries, TimeSpan BaseDelay)
{
    public static RetryOptions Default { get; } = new(5, TimeSpan.FromMilliseconds(500));
}
