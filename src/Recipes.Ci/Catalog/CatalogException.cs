namespace Recipes.Ci.Catalog;

/// <summary>A recipe or ref that does not exist or cannot be used; the message says which and why.</summary>
public sealed class CatalogException(string message, Exception? inner = null) : Exception(message, inner);
