using Recipes.Swarm.Naming;

namespace Recipes.Ci.Catalog;

/// <summary>
/// A validated recipe name: lower-case letters, digits and dashes, starting with a letter, at most 40
/// characters (so <c>ci-&lt;recipe&gt;-&lt;run8&gt;</c> still fits an app name). Safe as a folder name under
/// <c>Recipes:Root</c>: no path traversal, no separators.
/// </summary>
public sealed record RecipeName : ValidatedName
{
    private static readonly NameRule<RecipeName> Rule = new("^[a-z][a-z0-9-]{0,39}\\z", "recipe name",
        "use 1-40 lower-case letters, digits and dashes, starting with a letter", value => new RecipeName(value));

    private RecipeName(string value) : base(value) { }

    public static RecipeName Parse(string value) => Rule.Parse(value);

    public static bool TryParse(string? value, out RecipeName name) => Rule.TryParse(value, out name);
}
