using System.Net.Http.Json;
using Recipes.Ci.Configuration;

namespace Recipes.Ci.Alerts;

/// <summary>A generic JSON webhook: the alert file's JSON is POSTed as is.</summary>
public sealed class WebhookAlertSink(HttpClient http, AlertSinkSettings settings) : HttpAlertSink(http, settings)
{
    protected override HttpRequestMessage CreateRequest(Alert alert) =>
        new(HttpMethod.Post, Settings.Url) { Content = JsonContent.Create(alert, options: AlertJson.Options) };
}
