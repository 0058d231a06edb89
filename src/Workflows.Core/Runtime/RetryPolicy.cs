using System.Globalization;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;

namespace Workflows.Core.Runtime;

/// <summary>
/// Per-activity retry policy, read from <c>customProperties.retryPolicy</c>:
/// <c>{"maxAttempts":3,"delay":"00:00:01","backoffFactor":2,"maxDelay":"00:05:00","jitter":true}</c>.
/// maxAttempts counts the first attempt; the delay before retry n is delay * backoffFactor^(n-1), ±20% with jitter.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan Delay, double BackoffFactor, TimeSpan MaxDelay, bool Jitter)
{
    public static RetryPolicy? From(ActivityNode node)
    {
        if (node.CustomProperties["retryPolicy"] is not JsonObject o)
            return null;
        var attempts = o["maxAttempts"] is JsonValue a && a.TryGetValue<int>(out var n) ? n : 1;
        return attempts <= 1
            ? null
            : new RetryPolicy(
                attempts,
                ReadTimeSpan(o["delay"]) ?? TimeSpan.FromSeconds(1),
                o["backoffFactor"] is JsonValue f && f.TryGetValue<double>(out var factor) ? factor : 2,
                ReadTimeSpan(o["maxDelay"]) ?? TimeSpan.FromMinutes(5),
                o["jitter"] is not JsonValue j || !j.TryGetValue<bool>(out var jitter) || jitter);
    }

    /// <summary>The wait before the next attempt, after <paramref name="failedAttempts"/> failures.</summary>
    public TimeSpan DelayAfter(int failedAttempts, Random random)
    {
        var ticks = Delay.Ticks * Math.Pow(BackoffFactor, Math.Max(0, failedAttempts - 1));
        if (Jitter)
            ticks *= 0.8 + (random.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxDelay.Ticks));
    }

    /// <summary>Accepts "hh:mm:ss" or a number of milliseconds.</summary>
    private static TimeSpan? ReadTimeSpan(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => TimeSpan.Parse(s, CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<double>(out var ms) => TimeSpan.FromMilliseconds(ms),
        _ => null,
    };
}
