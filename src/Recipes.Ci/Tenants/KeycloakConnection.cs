namespace Recipes.Ci.Tenants;

/// <summary>How to reach Keycloak's Admin REST API (Quarkus layout: no <c>/auth</c> prefix) as an admin of realm master.</summary>
public sealed record KeycloakConnection(Uri BaseUrl, string AdminUser, string AdminPassword)
{
    public Uri Endpoint(string relative) => new(BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + relative.TrimStart('/'));

    // Records print every member; the password is a secret.
    public override string ToString() => $"Keycloak {BaseUrl} as {AdminUser}";
}
