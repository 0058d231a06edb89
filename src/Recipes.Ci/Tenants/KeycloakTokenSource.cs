using System.Net;
using System.Text.Json;

namespace Recipes.Ci.Tenants;

/// <summary>
/// The admin access token: password grant on realm <c>master</c> with client <c>admin-cli</c>. The token is reused
/// until three quarters of its lifetime have passed (Keycloak's default lifetime is 60 s), then fetched again, so
/// a call never goes out with a token about to expire; a 401 from the API also forces a new one.
/// </summary>
public sealed class KeycloakTokenSource(HttpClient http, KeycloakConnection connection, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var token = _token;
            return token is not null && time.GetUtcNow() < _renewAt ? token : await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (Keycloak refused it) unless another caller already replaced it.</summary>
    public void Invalidate(string rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        var requestedAt = time.GetUtcNow();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "admin-cli",
            ["grant_type"] = "password",
            ["username"] = connection.AdminUser,
            ["password"] = connection.AdminPassword,
        });
        using var response = await http.PostAsync(connection.Endpoint("realms/master/protocol/openid-connect/token"), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new KeycloakException(response.StatusCode, "admin login (password grant)", await KeycloakErrorBody.ReadAsync(response, cancellationToken));

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var token = body.RootElement.TryGetProperty("access_token", out var t) ? t.GetString() : null;
        var lifetime = body.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 60;
        _token = token ?? throw new KeycloakException(response.StatusCode, "admin login (password grant)", "no access_token in the answer");
        _renewAt = requestedAt + TimeSpan.FromSeconds(lifetime * 0.75);
        return token;
    }
}
