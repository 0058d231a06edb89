namespace Recipes.Ci.Configuration;

/// <summary>Configuration section <c>Alerts</c> beyond its root folder: where alerts are relayed.</summary>
public sealed record AlertsOptions(IReadOnlyList<AlertSinkSettings> Sinks)
{
    public static AlertsOptions None { get; } = new([]);
}
