using System.Globalization;
using Microsoft.Extensions.Configuration;
using Workflows.Core.Expressions;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Reads the JavaScript expression limits, <c>Workflows:JavaScript:TimeoutMilliseconds</c>, <c>MemoryLimitMegabytes</c>,
/// <c>RegexTimeoutMilliseconds</c>, <c>MaxConcurrency</c>, <c>MaxStatements</c> and <c>RecursionLimit</c>. Problems are
/// added to <paramref name="problems"/> (one start names them all), defaults are used in their place.
/// </summary>
public sealed class JavaScriptSettingsReader(IConfiguration configuration, List<string> problems)
{
    private const string Section = "Workflows:JavaScript:";

    public JavaScriptOptions Read()
    {
        var defaults = new JavaScriptOptions();
        return new JavaScriptOptions
        {
            Timeout = TimeSpan.FromMilliseconds(Number("TimeoutMilliseconds", (long)defaults.Timeout.TotalMilliseconds, 10, 600_000)),
            MemoryLimitBytes = Number("MemoryLimitMegabytes", defaults.MemoryLimitBytes / (1024 * 1024), 1, 4096) * 1024 * 1024,
            RegexTimeout = TimeSpan.FromMilliseconds(Number("RegexTimeoutMilliseconds", (long)defaults.RegexTimeout.TotalMilliseconds, 1, 600_000)),
            MaxConcurrency = (int)Number("MaxConcurrency", defaults.MaxConcurrency, 1, 256),
            MaxStatements = (int)Number("MaxStatements", defaults.MaxStatements, 1000, int.MaxValue),
            RecursionLimit = (int)Number("RecursionLimit", defaults.RecursionLimit, 16, 10_000),
        };
    }

    private long Number(string name, long fallback, long min, long max)
    {
        var key = Section + name;
        var value = configuration[key];
        if (value is null)
            return fallback;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
            return parsed;
        problems.Add($"{key} = '{value}' is not allowed; use a whole number from {min} to {max}.");
        return fallback;
    }
}
