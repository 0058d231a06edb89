namespace Recipes.Ci.Persistence.Entities;

/// <summary>A CI webhook delivery that was accepted; a second delivery with the same source and id is a replay.</summary>
public sealed class WebhookDeliveryEntity
{
    /// <summary><c>gitea</c>, <c>github</c> or <c>generic</c>: ids are only unique per sender.</summary>
    public string Source { get; set; } = string.Empty;

    public string DeliveryId { get; set; } = string.Empty;
    public DateTimeOffset ReceivedAt { get; set; }
}
