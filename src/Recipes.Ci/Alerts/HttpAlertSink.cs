using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Recipes.Ci.Configuration;

namespace Recipes.Ci.Alerts;

/// <summary>The part every HTTP sink shares: a stable id, the bearer token, and turning non-2xx answers into errors.</summary>
public abstract class HttpAlertSink(HttpClient http, AlertSinkSettings settings) : IAlertSink
{
    public string Id { get; } = $"{settings.Type.ToString().ToLowerInvariant()}-" +
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.Url}|{settings.Topic}")))[..12];

    protected AlertSinkSettings Settings => settings;

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(alert);
        if (settings.Token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AlertDeliveryException($"Sink {Id} ({settings.Url.GetLeftPart(UriPartial.Authority)}) unreachable: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"Sink {Id} ({settings.Url.GetLeftPart(UriPartial.Authority)}) timed out.", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new AlertDeliveryException($"Sink {Id} ({settings.Url.GetLeftPart(UriPartial.Authority)}) answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
    }

    protected abstract HttpRequestMessage CreateRequest(Alert alert);
}
