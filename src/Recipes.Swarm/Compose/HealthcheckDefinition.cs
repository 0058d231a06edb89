namespace Recipes.Swarm.Compose;

/// <summary>
/// A service's <c>healthcheck:</c>. <see cref="Disabled"/> turns off the image's own check (<c>disable: true</c> or
/// <c>test: ["NONE"]</c>); unset durations fall back to the engine's defaults.
/// </summary>
public sealed record HealthcheckDefinition(
    IReadOnlyList<string>? Test,
    TimeSpan? Interval,
    TimeSpan? Timeout,
    TimeSpan? StartPeriod,
    int? Retries,
    bool Disabled);
