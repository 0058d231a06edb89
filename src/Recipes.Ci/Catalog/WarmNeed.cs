using System.Text.Json.Nodes;

namespace Recipes.Ci.Catalog;

/// <summary>
/// A warm dependency a recipe needs (by its <c>Warm:Dependencies</c> name), with what its per-run tenant must
/// contain. For Keycloak, <see cref="Clients"/> and <see cref="Users"/> are Keycloak ClientRepresentation and
/// UserRepresentation objects, imported as written.
/// </summary>
public sealed record WarmNeed(string Dependency, IReadOnlyList<JsonObject> Clients, IReadOnlyList<JsonObject> Users);
