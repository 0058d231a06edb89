namespace Recipes.Ci.Configuration;

/// <summary>The kinds of alert sink: a generic JSON webhook, an ntfy topic, or a Slack-compatible incoming webhook.</summary>
public enum AlertSinkKind
{
    Webhook,
    Ntfy,
    Slack,
}

/// <summary>One entry of <c>Alerts:Sinks</c>.</summary>
/// <param name="Type">How the alert is sent.</param>
/// <param name="Url">Webhook URL, or the ntfy server (the topic is appended).</param>
/// <param name="Topic">The ntfy topic; required for <see cref="AlertSinkKind.Ntfy"/>, unused otherwise.</param>
/// <param name="Token">Sent as <c>Authorization: Bearer</c> when set. Never printed.</param>
public sealed record AlertSinkSettings(AlertSinkKind Type, Uri Url, string? Topic, string? Token)
{
    // Records print every member; the token is a secret, so it is masked.
    public override string ToString() =>
        $"{Type} {Url.GetLeftPart(UriPartial.Path)}{(Topic is null ? "" : " topic " + Topic)}{(Token is null ? "" : " (token set)")}";
}
