using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>
/// Per-run tenants inside one warm dependency. Every operation is idempotent, so a run resumed after a crash can
/// repeat it: creating an existing tenant returns it, deleting a missing one is not an error.
/// </summary>
public interface ITenantProvider
{
    /// <summary><c>keycloak</c> or <c>postgres</c>; names alerts and logs.</summary>
    string Kind { get; }

    Task<Tenant> CreateAsync(RunId run, TenantRequest request, CancellationToken cancellationToken);

    /// <summary>True when the tenant existed and was deleted, false when it was already gone.</summary>
    Task<bool> DeleteAsync(RunId run, CancellationToken cancellationToken);

    /// <summary>The tenants recipeci made (names matching its pattern); anything else in the dependency is never listed.</summary>
    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>When the tenant was created (recorded at create), or null when it is gone or carries no record.</summary>
    Task<DateTimeOffset?> CreatedAtAsync(RunId run, CancellationToken cancellationToken);
}
