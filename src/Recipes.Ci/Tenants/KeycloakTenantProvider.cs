using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>
/// A Keycloak realm <c>ci-&lt;run&gt;</c> per run, created in one import call with the recipe's clients and users.
/// The realm carries attributes <c>recipeci.runId</c> and <c>recipeci.createdAt</c> (ISO 8601), which the reaper
/// reads. Tests get <c>TENANT_KIND</c>, <c>TENANT_REALM</c>, <c>TENANT_KEYCLOAK_URL</c> and <c>TENANT_ISSUER</c>.
/// </summary>
public sealed class KeycloakTenantProvider(KeycloakAdminClient client, KeycloakConnection connection, TimeProvider time, ILogger<KeycloakTenantProvider> logger)
    : ITenantProvider
{
    public const string CreatedAtAttribute = "recipeci.createdAt";
    public const string RunIdAttribute = "recipeci.runId";

    public string Kind => "keycloak";

    public async Task<Tenant> CreateAsync(RunId run, TenantRequest request, CancellationToken cancellationToken)
    {
        var realm = KeycloakRealmName.For(run);
        var createdAt = time.GetUtcNow();
        var representation = new JsonObject
        {
            ["realm"] = realm,
            ["enabled"] = true,
            ["attributes"] = new JsonObject
            {
                [CreatedAtAttribute] = createdAt.ToString("O", CultureInfo.InvariantCulture),
                [RunIdAttribute] = run.Value,
            },
            ["clients"] = new JsonArray(request.Clients.Select(c => (JsonNode)c.DeepClone()).ToArray()),
            ["users"] = new JsonArray(request.Users.Select(u => (JsonNode)u.DeepClone()).ToArray()),
        };
        if (await client.ImportRealmAsync(representation, cancellationToken))
        {
            logger.LogInformation("Created realm {Realm} for run {Run} ({Clients} clients, {Users} users)", realm, run.Value, request.Clients.Count, request.Users.Count);
        }
        else
        {
            // A re-run after a crash, or a retried create whose first attempt did go through.
            createdAt = await CreatedAtAsync(run, cancellationToken) ?? createdAt;
            logger.LogInformation("Realm {Realm} of run {Run} already exists; reusing it", realm, run.Value);
        }
        return new Tenant(Kind, realm, run, createdAt, new Dictionary<string, string>
        {
            ["TENANT_KIND"] = Kind,
            ["TENANT_REALM"] = realm,
            ["TENANT_KEYCLOAK_URL"] = connection.BaseUrl.AbsoluteUri.TrimEnd('/'),
            ["TENANT_ISSUER"] = connection.Endpoint("realms/" + realm).AbsoluteUri,
        });
    }

    public async Task<bool> DeleteAsync(RunId run, CancellationToken cancellationToken)
    {
        var realm = KeycloakRealmName.For(run);
        var deleted = await client.DeleteRealmAsync(realm, cancellationToken);
        logger.LogInformation(deleted ? "Deleted realm {Realm}" : "Realm {Realm} was already gone", realm);
        return deleted;
    }

    public async Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken) =>
        (await client.ListRealmNamesAsync(cancellationToken))
            .Select(name => KeycloakRealmName.TryParseRun(name, out var run) ? new TenantInfo(run, name) : null)
            .OfType<TenantInfo>()
            .ToList();

    public async Task<DateTimeOffset?> CreatedAtAsync(RunId run, CancellationToken cancellationToken)
    {
        var realm = await client.GetRealmAsync(KeycloakRealmName.For(run), cancellationToken);
        var text = realm?["attributes"]?[CreatedAtAttribute]?.GetValue<string>();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var createdAt) ? createdAt : null;
    }
}
