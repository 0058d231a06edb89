using System.Text;
using Recipes.Ci.Configuration;

namespace Recipes.Ci.Alerts;

/// <summary>
/// ntfy (https://docs.ntfy.sh/publish/): POST the message as text to <c>&lt;server&gt;/&lt;topic&gt;</c> with
/// <c>Title</c>, <c>Priority</c> (1-5; warning is 4 "high", critical 5 "urgent") and <c>Tags</c> (comma-separated;
/// tags naming an emoji show as one) headers. Non-ASCII header values are sent RFC 2047 encoded, which ntfy decodes.
/// </summary>
public sealed class NtfyAlertSink(HttpClient http, AlertSinkSettings settings) : HttpAlertSink(http, settings)
{
    protected override HttpRequestMessage CreateRequest(Alert alert)
    {
        var topic = Uri.EscapeDataString(Settings.Topic ?? throw new AlertDeliveryException("An ntfy sink needs a Topic."));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Settings.Url.AbsoluteUri.TrimEnd('/') + "/" + topic))
        {
            Content = new StringContent(alert.ToText(), Encoding.UTF8, "text/plain"),
        };
        request.Headers.TryAddWithoutValidation("Title", HeaderValue(alert.Title));
        request.Headers.TryAddWithoutValidation("Priority", Priority(alert.Severity));
        request.Headers.TryAddWithoutValidation("Tags", HeaderValue(string.Join(',', Tags(alert))));
        return request;
    }

    public static string Priority(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "5",
        AlertSeverity.Warning => "4",
        _ => "3",
    };

    private static IEnumerable<string> Tags(Alert alert)
    {
        yield return alert.Severity switch
        {
            AlertSeverity.Critical => "rotating_light",
            AlertSeverity.Warning => "warning",
            _ => "information_source",
        };
        yield return "recipeci";
        yield return alert.Source.Replace(',', ' ');
    }

    private static string HeaderValue(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.All(c => c is >= ' ' and <= '~') ? flat : $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(flat))}?=";
    }
}
