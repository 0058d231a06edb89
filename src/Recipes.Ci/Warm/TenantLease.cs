namespace Recipes.Ci.Warm;

/// <summary>
/// The record that a run holds a tenant in a dependency, written before the tenant is created and removed after it
/// is deleted, with the process that created it (<c>host:pid</c>) so the reaper can tell a run killed with its
/// process from one still working in another process.
/// </summary>
public sealed record TenantLease(string Run, string Dependency, string InstanceId, string Worker, DateTimeOffset CreatedAt);
