namespace Recipes.Ci.Webhooks;

/// <summary>What <see cref="WebhookDeliveries.TryRecordAsync"/> found.</summary>
public enum DeliveryRecord
{
    /// <summary>New delivery id and new body: recorded, the run may start.</summary>
    Recorded,

    /// <summary>This delivery id was accepted before.</summary>
    ReplayedId,

    /// <summary>The same signed body was accepted before under another delivery id.</summary>
    ReplayedBody,
}
