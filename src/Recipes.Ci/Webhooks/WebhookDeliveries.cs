using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// Accepted webhook deliveries, so a replay is refused: by delivery id, and by the SHA-256 of the signed body, since
/// the delivery id header is not covered by the signature (anyone who saw one delivery could resend it under a new
/// id). Forge bodies are keyed together (Gitea also sends GitHub's headers, so one body could be replayed as the
/// other), generic ones by their signed material (timestamp and body), so the same request sent again later is a new
/// delivery. The primary key (source, id) makes check-and-record atomic, also between server nodes; both rows of a
/// delivery are written in one transaction. Entries older than the retention window are forgotten.
/// </summary>
public sealed class WebhookDeliveries(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time, WebhookOptions options)
{
    /// <summary>The <c>Source</c> of body-hash rows of Gitea/GitHub deliveries.</summary>
    public const string ForgeBodySource = "body-sha256";

    /// <summary>The <c>Source</c> of body-hash rows of generic deliveries (hash of timestamp and body).</summary>
    public const string GenericBodySource = "generic-body-sha256";

    /// <summary>The replay key of a signed body: lower-case hex SHA-256.</summary>
    public static string BodyHash(ReadOnlySpan<byte> signedMaterial) => Convert.ToHexStringLower(SHA256.HashData(signedMaterial));

    /// <summary>Records the delivery id and body hash; says which was seen before when the delivery is a replay.</summary>
    public async Task<DeliveryRecord> TryRecordAsync(WebhookSource source, string deliveryId, string bodyHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sourceName = WebhookHeaders.Name(source);
        var bodySource = source == WebhookSource.Generic ? GenericBodySource : ForgeBodySource;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Forget old ids first, so a very old id may come back after the retention window, as documented.
        await db.WebhookDeliveries.Where(d => d.ReceivedAt < now - options.DeliveryRetention).ExecuteDeleteAsync(cancellationToken);
        var seen = await FindAsync(sourceName, deliveryId, bodySource, bodyHash, cancellationToken);
        if (seen != DeliveryRecord.Recorded)
            return seen;
        db.WebhookDeliveries.Add(new WebhookDeliveryEntity { Source = sourceName, DeliveryId = deliveryId, ReceivedAt = now });
        db.WebhookDeliveries.Add(new WebhookDeliveryEntity { Source = bodySource, DeliveryId = bodyHash, ReceivedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return DeliveryRecord.Recorded;
        }
        catch (DbUpdateException)
        {
            // Two deliveries with one id or body at once: the key let one of them in; anything else is a real failure.
            seen = await FindAsync(sourceName, deliveryId, bodySource, bodyHash, cancellationToken);
            if (seen != DeliveryRecord.Recorded)
                return seen;
            throw;
        }
    }

    /// <summary>Accepted deliveries (body-hash rows not counted).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.CountAsync(d => d.Source != ForgeBodySource && d.Source != GenericBodySource, cancellationToken);
    }

    private async Task<DeliveryRecord> FindAsync(string source, string deliveryId, string bodySource, string bodyHash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.WebhookDeliveries.AnyAsync(d => d.Source == source && d.DeliveryId == deliveryId, cancellationToken))
            return DeliveryRecord.ReplayedId;
        if (await db.WebhookDeliveries.AnyAsync(d => d.Source == bodySource && d.DeliveryId == bodyHash, cancellationToken))
            return DeliveryRecord.ReplayedBody;
        return DeliveryRecord.Recorded;
    }
}
