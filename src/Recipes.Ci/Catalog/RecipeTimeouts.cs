namespace Recipes.Ci.Catalog;

/// <summary>How long a recipe may take to deploy and to converge, and the default per-test timeout.</summary>
public sealed record RecipeTimeouts(TimeSpan Deploy, TimeSpan Converge, TimeSpan Test)
{
    public static RecipeTimeouts Default { get; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));
}
