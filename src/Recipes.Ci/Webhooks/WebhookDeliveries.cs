using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// Accepted webhook deliveries, so a replay is refused. The primary key (source, id) makes the check-and-record one
/// atomic insert, also between server nodes; ids older than the retention window are forgotten.
/// </summary>
public sealed class WebhookDeliveries(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time, WebhookOptions options)
{
    /// <summary>Records the delivery; false when it was recorded before (a replay).</summary>
    public async Task<bool> TryRecordAsync(WebhookSource source, string deliveryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sourceName = WebhookHeaders.Name(source);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Forget old ids first, so a very old id may come back after the retention window, as documented.
        await db.WebhookDeliveries.Where(d => d.ReceivedAt < now - options.DeliveryRetention).ExecuteDeleteAsync(cancellationToken);
        if (await db.WebhookDeliveries.AnyAsync(d => d.Source == sourceName && d.DeliveryId == deliveryId, cancellationToken))
            return false;
        db.WebhookDeliveries.Add(new WebhookDeliveryEntity { Source = sourceName, DeliveryId = deliveryId, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two deliveries with one id at once: the key let one of them in; anything else is a real failure.
            if (await ExistsAsync(sourceName, deliveryId, cancellationToken))
                return false;
            throw;
        }
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.CountAsync(cancellationToken);
    }

    private async Task<bool> ExistsAsync(string source, string deliveryId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AnyAsync(d => d.Source == source && d.DeliveryId == deliveryId, cancellationToken);
    }
}
