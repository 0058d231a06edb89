using Semver;

namespace Recipes.Ci.Catalog;

/// <summary>A released version of a recipe: a git tag that parses as a semantic version, e.g. <c>1.7.1+1.27.2</c>.</summary>
/// <param name="Tag">The tag name as written.</param>
/// <param name="Version">The parsed version; build metadata (the upstream version) does not affect precedence.</param>
/// <param name="Commit">The commit the tag points at (annotated tags peeled).</param>
public sealed record RecipeVersion(string Tag, SemVersion Version, string Commit);
