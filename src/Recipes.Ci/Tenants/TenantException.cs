namespace Recipes.Ci.Tenants;

/// <summary>A tenant operation failed for good (after retries); the message says which and why, never a secret.</summary>
public sealed class TenantException(string message, Exception? inner = null) : Exception(message, inner);
