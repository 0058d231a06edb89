using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Tenants;
using TestKit.Keycloak;

namespace Recipes.Ci.Tests.Tenants;

/// <summary>The Keycloak tenant provider wired to a <see cref="KeycloakFake"/>, with short retry delays.</summary>
internal sealed class KeycloakProviderFactory : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public KeycloakProviderFactory(KeycloakFake fake, string? password = null, TimeProvider? time = null)
    {
        Connection = new KeycloakConnection(fake.BaseUrl, fake.AdminUser, password ?? fake.AdminPassword);
        Tokens = new KeycloakTokenSource(_http, Connection, TimeProvider.System);
        var client = new KeycloakAdminClient(_http, Connection, Tokens, new RetryOptions(4, TimeSpan.FromMilliseconds(20)), NullLogger<KeycloakAdminClient>.Instance);
        Provider = new KeycloakTenantProvider(client, Connection, time ?? TimeProvider.System, NullLogger<KeycloakTenantProvider>.Instance);
    }

    public KeycloakConnection Connection { get; }

    public KeycloakTokenSource Tokens { get; }

    public KeycloakTenantProvider Provider { get; }

    public void Dispose() => _http.Dispose();
}
