using Microsoft.Extensions.Logging;

namespace RecipeCi.Cli;

/// <summary>One activity step the engine began: which workflow, which instance, which activity.</summary>
public sealed record RunStep(string DefinitionId, string InstanceId, string ActivityId, string ActivityType);

/// <summary>
/// The engine's logger in <c>recipeci run</c>: forwards everything to the real logger and reports each step, read
/// from the log scope the engine opens around every activity step (so the engine needs no progress hook of its own).
/// </summary>
public sealed class RunStepLogger(ILogger inner, Action<RunStep> stepStarted) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        if (state is IEnumerable<KeyValuePair<string, object>> pairs)
        {
            var scope = pairs.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty, StringComparer.Ordinal);
            if (scope.TryGetValue("ActivityId", out var activityId) && scope.TryGetValue("ActivityType", out var activityType))
                stepStarted(new RunStep(scope.GetValueOrDefault("WorkflowDefinitionId", ""), scope.GetValueOrDefault("WorkflowInstanceId", ""),
                    activityId, activityType));
        }
        return inner.BeginScope(state);
    }

    // The engine opens its step scope only when Critical is enabled: always, here, whatever the configured level.
    public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Critical || inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(logLevel, eventId, state, exception, formatter);
}
