namespace Recipes.Ci.Alerts;

/// <summary>Somewhere alerts are pushed to. Delivery throws <see cref="AlertDeliveryException"/> unless the sink accepted it.</summary>
public interface IAlertSink
{
    /// <summary>Stable across restarts (derived from the sink's type, URL and topic), so delivery state survives.</summary>
    string Id { get; }

    Task DeliverAsync(Alert alert, CancellationToken cancellationToken);
}
