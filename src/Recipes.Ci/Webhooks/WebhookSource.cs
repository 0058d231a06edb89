namespace Recipes.Ci.Webhooks;

/// <summary>Who sent a CI webhook; decides the event, delivery and signature headers.</summary>
public enum WebhookSource
{
    /// <summary>Gitea or Forgejo: <c>X-Gitea-Event</c>, <c>X-Gitea-Delivery</c>, <c>X-Gitea-Signature</c> (hex).</summary>
    Gitea,

    /// <summary>GitHub: <c>X-GitHub-Event</c>, <c>X-GitHub-Delivery</c>, <c>X-Hub-Signature-256</c> (<c>sha256=hex</c>).</summary>
    GitHub,

    /// <summary><c>recipeci trigger</c> and other CI systems: <c>X-Delivery-Id</c>, <c>X-Signature-256</c> (<c>sha256=hex</c>).</summary>
    Generic,
}
