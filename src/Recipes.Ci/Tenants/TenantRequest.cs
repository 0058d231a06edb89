using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>What a new tenant must contain: for Keycloak, the clients and users to import (ignored by PostgreSQL).</summary>
public sealed record TenantRequest(IReadOnlyList<JsonObject> Clients, IReadOnlyList<JsonObject> Users)
{
    public static TenantRequest Empty { get; } = new([], []);

    public static TenantRequest From(WarmNeed need) => new(need.Clients, need.Users);
}
