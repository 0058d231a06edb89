namespace Recipes.Ci.Catalog;

/// <summary>What a ref of a recipe resolved to.</summary>
/// <param name="Ref">The ref as asked: a tag, a branch or a commit sha (possibly abbreviated).</param>
/// <param name="Kind">Which of those it turned out to be.</param>
/// <param name="Commit">The full commit sha.</param>
/// <param name="Version">The version tag when the ref is one, or when a version tag points at this commit.</param>
public sealed record ResolvedRef(RecipeName Recipe, string Ref, RefKind Kind, string Commit, RecipeVersion? Version);

/// <summary>How a ref was resolved; tags win over branches, branches over commit shas.</summary>
public enum RefKind
{
    Tag,
    Branch,
    Commit,
}
