using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>
/// The run an activity works for, and how it writes its labels: every Recipes.* activity of a run goes through
/// this, so the run record always shows the mode, app, deploy count, phase durations and result.
/// </summary>
public sealed class RunContext(RunRecord record, RunRecords records, TimeProvider time, ILogger logger)
{
    public RunRecord Record { get; private set; } = record;

    public string RunId => Record.RunId;

    /// <summary>The app the run works on: its own cold app until Reattach switches it to the canonical.</summary>
    public AppName App => Record.App is { } app ? AppName.Parse(app) : RunApps.Cold(Record.Recipe, Record.RunId);

    public ILogger Logger => logger;

    /// <summary>A log scope naming the run, its recipe and its app: every line an activity of the run logs carries them.</summary>
    public IDisposable? BeginScope() =>
        logger.BeginScope(new Dictionary<string, object> { ["RunId"] = RunId, ["Recipe"] = Record.Recipe, ["App"] = App.Value });

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        Record = await records.GetAsync(RunId, cancellationToken) ?? Record;

    public Task SetAppAsync(AppName app, CancellationToken cancellationToken)
    {
        Record = Record with { App = app.Value };
        return records.SetAppAsync(RunId, app.Value, cancellationToken);
    }

    public Task SetConvergedAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        Record = Record with { ConvergedAt = at };
        return records.SetConvergedAsync(RunId, at, cancellationToken);
    }

    public Task AddWarningAsync(string warning, CancellationToken cancellationToken)
    {
        if (!Record.Warnings.Contains(warning))
            Record = Record with { Warnings = [.. Record.Warnings, warning] };
        return records.AddWarningAsync(RunId, warning, cancellationToken);
    }

    public Task SetResultAsync(string result, CancellationToken cancellationToken) => SetResultAsync(result, null, cancellationToken);

    /// <summary>Sets the result and, for a fail or error, why (shown by the run page and <c>runs labels</c>).</summary>
    public Task SetResultAsync(string result, string? reason, CancellationToken cancellationToken)
    {
        Record = Record with { Result = result, Reason = result == RunResults.Pass ? null : reason ?? Record.Reason };
        return records.SetResultAsync(RunId, result, cancellationToken, reason);
    }

    public Task SetReportAsync(string path, string xml, CancellationToken cancellationToken) =>
        records.SetReportAsync(RunId, path, xml, cancellationToken);

    /// <summary>Runs <paramref name="phase"/> and adds its wall time to the run's durations, also when it fails.</summary>
    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await body();
        }
        finally
        {
            await records.AddPhaseAsync(RunId, phase, time.GetElapsedTime(started), CancellationToken.None);
        }
    }
}
