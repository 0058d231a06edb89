using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Configuration;
using Recipes.Ci.Tenants;

namespace Recipes.Ci.Warm;

/// <summary>
/// The tenant provider of each warm dependency that has one, built once from its settings (the Keycloak token is
/// cached inside its provider, so one provider per dependency keeps one admin session).
/// </summary>
public sealed class TenantProviders(WarmDependencyCatalog catalog, TimeProvider time, ILoggerFactory loggers) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, ITenantProvider> _providers = new(StringComparer.Ordinal);

    /// <summary>The dependencies with a tenant provider, in configuration order.</summary>
    public IReadOnlyList<string> Names => catalog.All.Where(d => d.Tenants.Kind != TenantProviderKind.None).Select(d => d.Name).ToList();

    /// <summary>The provider of <paramref name="dependency"/>; throws when it is not configured or has no tenants.</summary>
    public ITenantProvider For(string dependency) => _providers.GetOrAdd(dependency, Create);

    private ITenantProvider Create(string dependency)
    {
        var settings = catalog.Get(dependency).Tenants;
        switch (settings.Kind)
        {
            case TenantProviderKind.Keycloak:
                var connection = new KeycloakConnection(
                    settings.KeycloakUrl ?? throw new InvalidOperationException($"Warm dependency {dependency} has no Keycloak URL."),
                    settings.AdminUser ?? "", settings.AdminPassword ?? "");
                var client = new KeycloakAdminClient(_http, connection, new KeycloakTokenSource(_http, connection, time), RetryOptions.Default,
                    loggers.CreateLogger<KeycloakAdminClient>());
                return new KeycloakTenantProvider(client, connection, time, loggers.CreateLogger<KeycloakTenantProvider>());
            case TenantProviderKind.Postgres:
                return new PostgresTenantProvider(settings.PostgresConnectionString ?? "", time, loggers.CreateLogger<PostgresTenantProvider>());
            default:
                throw new ArgumentException($"Warm dependency {dependency} keeps no per-run tenants (Tenants:Provider is None).");
        }
    }

    public void Dispose() => _http.Dispose();
}
