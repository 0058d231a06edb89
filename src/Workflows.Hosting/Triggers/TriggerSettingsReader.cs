using System.Globalization;
using Microsoft.Extensions.Configuration;
using Workflows.Hosting.Triggers.Http;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Triggers;

/// <summary>
/// Reads the trigger settings: <c>Http:MaxRequestBytes</c> and <c>Scheduler:ReconcileSeconds</c>,
/// <c>Scheduler:MisfireThresholdSeconds</c>, <c>Scheduler:CheckinSeconds</c>, <c>Scheduler:MaxConcurrency</c>. Problems
/// are added to <paramref name="problems"/> (one start names them all), defaults are used in their place.
/// </summary>
public sealed class TriggerSettingsReader(IConfiguration configuration, List<string> problems)
{
    public (HttpTriggerOptions Http, SchedulerOptions Scheduler) Read(PersistenceOptions persistence, string nodeId)
    {
        var http = new HttpTriggerOptions
        {
            MaxRequestBytes = Number("Http:MaxRequestBytes", HttpTriggerOptions.DefaultMaxRequestBytes, 1, 1L << 31),
        };
        var defaults = new SchedulerOptions();
        var scheduler = new SchedulerOptions
        {
            // The clustered store goes with PostgreSQL: SQLite is single-node, so its schedule can live in memory.
            ClusterConnectionString = persistence.Provider == DatabaseProvider.PostgreSql ? persistence.ConnectionString : null,
            InstanceId = nodeId,
            ReconcileInterval = Seconds("Scheduler:ReconcileSeconds", defaults.ReconcileInterval, 1, 3600),
            MisfireThreshold = Seconds("Scheduler:MisfireThresholdSeconds", defaults.MisfireThreshold, 1, 86_400),
            CheckinInterval = Seconds("Scheduler:CheckinSeconds", defaults.CheckinInterval, 1, 600),
            MaxConcurrency = (int)Number("Scheduler:MaxConcurrency", defaults.MaxConcurrency, 1, 256),
        };
        return (http, scheduler);
    }

    private TimeSpan Seconds(string key, TimeSpan fallback, long min, long max) =>
        TimeSpan.FromSeconds(Number(key, (long)fallback.TotalSeconds, min, max));

    private long Number(string key, long fallback, long min, long max)
    {
        var value = configuration[key];
        if (value is null)
            return fallback;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
            return parsed;
        problems.Add($"{key} = '{value}' is not allowed; use a whole number from {min} to {max}.");
        return fallback;
    }
}
