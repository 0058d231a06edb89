using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>A run's tenant and the <c>TENANT_*</c> variables its tests get (which may hold a password).</summary>
public sealed record Tenant(string Kind, string Name, RunId Run, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, string> Environment)
{
    // Records print every member; the environment may hold credentials, so only its keys are shown.
    public override string ToString() => $"{Kind} tenant {Name} of run {Run} (env: {string.Join(", ", Environment.Keys)})";
}
