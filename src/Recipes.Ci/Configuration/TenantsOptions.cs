namespace Recipes.Ci.Configuration;

/// <summary>Configuration section <c>Tenants</c>: reaping and the live-count watch.</summary>
/// <param name="MaxLive">Past this many live tenants in one dependency an alert is raised (Keycloak slows past a few hundred realms).</param>
/// <param name="GracePeriod">A tenant younger than this is never reaped, so a run that has just created it is safe while it registers.</param>
public sealed record TenantsOptions(int MaxLive, TimeSpan GracePeriod)
{
    public static TenantsOptions Default { get; } = new(50, TimeSpan.FromMinutes(10));
}
