using System.Text.Json.Nodes;
using Recipes.Ci.Webhooks;

namespace RecipeCi.Tests.Webhooks;

/// <summary>Bodies and header sets as Gitea/Forgejo, GitHub and <c>recipeci trigger</c> send them.</summary>
public static class WebhookRequests
{
    public static byte[] Generic(string recipe, string gitRef, int? pr = null, string? mode = null)
    {
        var body = new JsonObject { ["recipe"] = recipe, ["ref"] = gitRef };
        if (pr is not null) body["pr"] = pr;
        if (mode is not null) body["mode"] = mode;
        return WebhookServer.Utf8(body.ToJsonString());
    }

    public static byte[] PullRequest(string repository, string sha, int number = 7, string action = "opened") =>
        WebhookServer.Utf8(new JsonObject
        {
            ["action"] = action,
            ["number"] = number,
            ["pull_request"] = new JsonObject
            {
                ["number"] = number,
                ["head"] = new JsonObject { ["ref"] = "feature/x", ["sha"] = sha },
            },
            ["repository"] = new JsonObject { ["name"] = repository, ["full_name"] = "org/" + repository },
        }.ToJsonString());

    /// <summary>As <c>recipeci trigger</c> signs: the timestamp (now, or <paramref name="sentAt"/>) and the body.</summary>
    public static (string, string)[] SignedGeneric(byte[] body, string? deliveryId = null, string secret = WebhookServer.Secret,
        DateTimeOffset? sentAt = null)
    {
        var timestamp = WebhookTimestamp.Format(sentAt ?? DateTimeOffset.UtcNow);
        return
        [
            (WebhookHeaders.GenericTimestamp, timestamp),
            (WebhookHeaders.GenericSignature, WebhookSignature.Sign(WebhookSource.Generic, secret, WebhookTimestamp.SignedMaterial(timestamp, body))),
            (WebhookHeaders.GenericDelivery, deliveryId ?? NewId()),
        ];
    }

    public static (string, string)[] SignedGitea(byte[] body, string? deliveryId = null, string eventName = "pull_request", string secret = WebhookServer.Secret) =>
    [
        (WebhookHeaders.GiteaEvent, eventName),
        (WebhookHeaders.GiteaDelivery, deliveryId ?? NewId()),
        (WebhookHeaders.GiteaSignature, WebhookSignature.Sign(WebhookSource.Gitea, secret, body)),
    ];

    public static (string, string)[] SignedGitHub(byte[] body, string? deliveryId = null, string eventName = "pull_request", string secret = WebhookServer.Secret) =>
    [
        (WebhookHeaders.GitHubEvent, eventName),
        (WebhookHeaders.GitHubDelivery, deliveryId ?? NewId()),
        (WebhookHeaders.GitHubSignature, WebhookSignature.Sign(WebhookSource.GitHub, secret, body)),
    ];

    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>The headers with one replaced (or removed, when <paramref name="value"/> is null).</summary>
    public static (string, string)[] With(this (string Name, string Value)[] headers, string name, string? value) =>
        [.. headers.Where(h => !string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)), .. value is null ? Array.Empty<(string, string)>() : [(name, value)]];
}
