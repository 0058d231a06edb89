using Recipes.Ci.Configuration;

namespace Recipes.Ci.Alerts;

/// <summary>Builds the sinks configured in <c>Alerts:Sinks</c>.</summary>
public static class AlertSinkFactory
{
    public static IAlertSink Create(AlertSinkSettings settings, HttpClient http) => settings.Type switch
    {
        AlertSinkKind.Webhook => new WebhookAlertSink(http, settings),
        AlertSinkKind.Ntfy => new NtfyAlertSink(http, settings),
        AlertSinkKind.Slack => new SlackAlertSink(http, settings),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Type, "Unknown alert sink type."),
    };

    public static IReadOnlyList<IAlertSink> Create(AlertsOptions options, HttpClient http) => options.Sinks.Select(s => Create(s, http)).ToList();
}
