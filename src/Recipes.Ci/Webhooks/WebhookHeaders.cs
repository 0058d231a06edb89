namespace Recipes.Ci.Webhooks;

/// <summary>The header names of each sender, and which sender a request comes from.</summary>
public static class WebhookHeaders
{
    public const string GiteaEvent = "X-Gitea-Event";
    public const string GiteaDelivery = "X-Gitea-Delivery";
    public const string GiteaSignature = "X-Gitea-Signature";
    public const string GitHubEvent = "X-GitHub-Event";
    public const string GitHubDelivery = "X-GitHub-Delivery";
    public const string GitHubSignature = "X-Hub-Signature-256";
    public const string GenericDelivery = "X-Delivery-Id";
    public const string GenericSignature = "X-Signature-256";

    /// <summary>Unix seconds, covered by the generic signature (see <see cref="WebhookTimestamp"/>).</summary>
    public const string GenericTimestamp = "X-Signature-Timestamp";

    /// <summary>
    /// Gitea and Forgejo also send GitHub's headers for compatibility, so their own event header is looked at first.
    /// Anything without a forge event header is a generic request.
    /// </summary>
    public static WebhookSource SourceOf(Func<string, string?> header) =>
        !string.IsNullOrEmpty(header(GiteaEvent)) ? WebhookSource.Gitea
        : !string.IsNullOrEmpty(header(GitHubEvent)) ? WebhookSource.GitHub
        : WebhookSource.Generic;

    public static string SignatureHeader(WebhookSource source) => source switch
    {
        WebhookSource.Gitea => GiteaSignature,
        WebhookSource.GitHub => GitHubSignature,
        _ => GenericSignature,
    };

    public static string DeliveryHeader(WebhookSource source) => source switch
    {
        WebhookSource.Gitea => GiteaDelivery,
        WebhookSource.GitHub => GitHubDelivery,
        _ => GenericDelivery,
    };

    public static string? EventHeader(WebhookSource source) => source switch
    {
        WebhookSource.Gitea => GiteaEvent,
        WebhookSource.GitHub => GitHubEvent,
        _ => null,
    };

    /// <summary>The lower-case name used in stored delivery ids and answers.</summary>
    public static string Name(WebhookSource source) => source.ToString().ToLowerInvariant();
}
