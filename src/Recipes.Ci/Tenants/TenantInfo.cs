using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>A listed tenant: the run it belongs to and its name in the dependency.</summary>
public sealed record TenantInfo(RunId Run, string Name);
