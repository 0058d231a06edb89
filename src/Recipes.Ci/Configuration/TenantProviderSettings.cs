namespace Recipes.Ci.Configuration;

/// <summary>Where a warm dependency keeps per-run tenants.</summary>
public enum TenantProviderKind
{
    /// <summary>The dependency has no tenants (e.g. a proxy).</summary>
    None,

    /// <summary>A Keycloak realm <c>ci-&lt;run&gt;</c> per run, through the Admin REST API.</summary>
    Keycloak,

    /// <summary>A PostgreSQL database <c>ci_&lt;run&gt;</c> per run.</summary>
    Postgres,
}

/// <summary>The tenant provider of one warm dependency and how to reach its admin interface.</summary>
/// <param name="KeycloakUrl">Keycloak base URL (Quarkus layout, no <c>/auth</c> prefix).</param>
/// <param name="AdminUser">Keycloak admin user in realm <c>master</c>.</param>
/// <param name="AdminPassword">Its password. Never printed.</param>
/// <param name="PostgresConnectionString">Admin connection string (a role with CREATEDB and CREATEROLE). Never printed.</param>
public sealed record TenantProviderSettings(
    TenantProviderKind Kind,
    Uri? KeycloakUrl,
    string? AdminUser,
    string? AdminPassword,
    string? PostgresConnectionString)
{
    public static TenantProviderSettings None { get; } = new(TenantProviderKind.None, null, null, null, null);

    // Records print every member; passwords and connection strings are secrets.
    public override string ToString() => Kind switch
    {
        TenantProviderKind.Keycloak => $"Keycloak {KeycloakUrl} as {AdminUser}",
        TenantProviderKind.Postgres => "Postgres (connection string set)",
        _ => "None",
    };
}
