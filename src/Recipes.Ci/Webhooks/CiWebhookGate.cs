using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;

namespace Recipes.Ci.Webhooks;

/// <summary>
/// Decides whether a CI webhook request may start a run, before anything is created: the secret is configured, the
/// signature is the HMAC-SHA256 of the raw body (the sender's header; the generic webhook signs its timestamp too, which
/// must be within five minutes of now), the payload is a supported event with a valid recipe and ref, a <c>!testme</c>
/// commenter is a collaborator, the recipe is in the catalog, the pushed head was fetched from the recipe's forge remote
/// and the ref resolves, and both the delivery id and the signed body are new (recorded last, so a refused delivery may be
/// sent again once fixed).
/// </summary>
public sealed class CiWebhookGate(
    WebhookOptions options, RecipeCatalog catalog, RecipeRemotes remotes, ForgeConnection forge, WebhookDeliveries deliveries, TimeProvider time,
    ILogger<CiWebhookGate> logger)
{
    public async Task<WebhookVerdict> EvaluateAsync(Func<string, string?> header, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (!options.HasSecret)
            return WebhookVerdict.Reject(503, "webhook-secret-not-configured",
                "This server has no webhook secret, so it refuses every delivery. Set Ci:WebhookSecret (environment RECIPECI_Ci__WebhookSecret) and restart.");

        var source = WebhookHeaders.SourceOf(header);
        var timestamp = source == WebhookSource.Generic ? header(WebhookHeaders.GenericTimestamp)?.Trim() : null;
        var signed = source == WebhookSource.Generic ? WebhookTimestamp.SignedMaterial(timestamp ?? string.Empty, body.Span) : body.ToArray();
        if (CheckSignature(source, header, signed, timestamp) is { } refused)
            return refused;

        var verdict = WebhookPayloadParser.Parse(header, body.Span);
        if (!verdict.Accepted)
            return verdict;
        var trigger = verdict.Trigger;

        var recipe = RecipeName.Parse(trigger.Recipe);
        if (!catalog.ListRecipes().Contains(recipe))
            return WebhookVerdict.Reject(404, "unknown-recipe", $"Recipe '{trigger.Recipe}' is not in this server's catalog (Recipes:Root).");
        if (trigger.CollaboratorToCheck is { } login && await CollaboratorVerdictAsync(trigger.Repository!, login, cancellationToken) is { } refusal)
            return refusal;
        try
        {
            await remotes.FetchAsync(recipe, trigger.Pr, $"ref '{trigger.Ref}'", cancellationToken);
        }
        catch (CatalogException e)
        {
            logger.LogWarning("CI webhook delivery {DeliveryId}: {Error}", trigger.DeliveryId, e.Message);
            return WebhookVerdict.Reject(502, "fetch-failed", e.Message);
        }
        try
        {
            catalog.Resolve(recipe, trigger.Ref);
        }
        catch (CatalogException e)
        {
            var fetched = remotes.RemoteUrl(recipe) is { } url ? $" It is not on remote '{RecipeRemotes.Remote}' ({RecipeRemotes.Redact(url)}) either." : string.Empty;
            return WebhookVerdict.Reject(422, "unknown-ref", e.Message + fetched);
        }

        switch (await deliveries.TryRecordAsync(trigger.Source, trigger.DeliveryId, WebhookDeliveries.BodyHash(signed), cancellationToken))
        {
            case DeliveryRecord.ReplayedId:
                return WebhookVerdict.Reject(409, "replayed-delivery", $"Delivery '{trigger.DeliveryId}' was already accepted; a replay starts nothing.");
            case DeliveryRecord.ReplayedBody:
                logger.LogWarning("CI webhook delivery {DeliveryId} from {Source} refused: its signed body was already accepted under another delivery id",
                    trigger.DeliveryId, WebhookHeaders.Name(trigger.Source));
                return WebhookVerdict.Reject(409, "replayed-body",
                    "This signed body was already accepted under another delivery id; a replay starts nothing. Send a new event (or, for the generic webhook, sign a fresh X-Signature-Timestamp).");
        }
        logger.LogInformation("CI webhook delivery {DeliveryId} from {Source} accepted: {Mode} run of {Recipe} at {Ref}",
            trigger.DeliveryId, WebhookHeaders.Name(trigger.Source), trigger.Mode, trigger.Recipe, trigger.Ref);
        return verdict;
    }

    /// <summary>Null when the forge confirms <paramref name="login"/> may push; else the answer (ignored, or the forge unreachable).</summary>
    private async Task<WebhookVerdict?> CollaboratorVerdictAsync(string repository, string login, CancellationToken cancellationToken)
    {
        if (forge.Client is not { } client)
            return WebhookVerdict.Ignore($"'{ForgeEvents.TestMe}' needs the forge's API to check that '{login}' is a collaborator; set Forge:Kind, Forge:Url and Forge:Token.");
        try
        {
            return await client.IsCollaboratorAsync(repository, login, cancellationToken)
                ? null
                : WebhookVerdict.Ignore($"'{login}' is not a collaborator of {repository}: '{ForgeEvents.TestMe}' starts nothing.");
        }
        catch (Exception e) when (e is ForgeException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("CI webhook: checking collaborator {Login} of {Repository} failed: {Error}", login, repository, e.Message);
            return WebhookVerdict.Reject(503, "forge-unreachable", $"Could not ask the forge whether '{login}' is a collaborator of {repository} ({e.Message}); send the comment again later.");
        }
    }

    /// <summary>The signature over <paramref name="signed"/> and, for the generic webhook, its timestamp; null when both are good.</summary>
    private WebhookVerdict? CheckSignature(WebhookSource source, Func<string, string?> header, byte[] signed, string? timestamp)
    {
        var signatureHeader = WebhookHeaders.SignatureHeader(source);
        var signature = WebhookSignature.Verify(source, options.Secret!, signed, header(signatureHeader));
        var refusal = signature switch
        {
            SignatureCheck.Missing => WebhookVerdict.Reject(401, "missing-signature", $"Header {signatureHeader} is missing; sign the raw body with HMAC-SHA256 and the shared secret."),
            SignatureCheck.Malformed => WebhookVerdict.Reject(401, "malformed-signature",
                source == WebhookSource.Gitea ? $"Header {signatureHeader} must be 64 hex digits." : $"Header {signatureHeader} must be 'sha256=' and 64 hex digits."),
            _ => null,
        };
        DateTimeOffset sentAt = default;
        if (refusal is null && source == WebhookSource.Generic && !WebhookTimestamp.TryParse(timestamp, out sentAt))
            refusal = WebhookVerdict.Reject(401, string.IsNullOrEmpty(timestamp) ? "missing-timestamp" : "malformed-timestamp",
                $"Header {WebhookHeaders.GenericTimestamp} must hold the current Unix time in seconds, and {signatureHeader} must sign '<timestamp>.<body>' (recipeci trigger does both).");
        if (refusal is null && signature == SignatureCheck.Mismatch)
            refusal = WebhookVerdict.Reject(401, "bad-signature", $"Header {signatureHeader} does not match the body: check the shared secret.");
        var now = time.GetUtcNow();
        if (refusal is null && source == WebhookSource.Generic && (sentAt < now - WebhookTimestamp.Tolerance || sentAt > now + WebhookTimestamp.Tolerance))
            refusal = WebhookVerdict.Reject(401, "stale-timestamp",
                $"Header {WebhookHeaders.GenericTimestamp} is more than {WebhookTimestamp.Tolerance.TotalMinutes:0} minutes from this server's clock; send a fresh delivery (and check both clocks).");
        if (refusal is not null)
            logger.LogWarning("CI webhook from {Source} refused: {Error}", WebhookHeaders.Name(source), refusal.Error);
        return refusal;
    }
}
