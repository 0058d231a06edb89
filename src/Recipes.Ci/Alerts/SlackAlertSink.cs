using System.Net.Http.Json;
using Recipes.Ci.Configuration;

namespace Recipes.Ci.Alerts;

/// <summary>A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat...): <c>{"text": ...}</c> in mrkdwn.</summary>
public sealed class SlackAlertSink(HttpClient http, AlertSinkSettings settings) : HttpAlertSink(http, settings)
{
    protected override HttpRequestMessage CreateRequest(Alert alert) =>
        new(HttpMethod.Post, Settings.Url)
        {
            Content = JsonContent.Create(new { text = $"*[{alert.Severity.ToString().ToUpperInvariant()}] {alert.Title}* ({alert.Source})\n{alert.ToText()}" }),
        };
}
