using System.Text.RegularExpressions;

namespace Recipes.Ci.Catalog;

/// <summary>
/// A validated recipe name: lower-case letters, digits and dashes, starting with a letter, at most 40
/// characters (so <c>ci-&lt;recipe&gt;-&lt;run8&gt;</c> still fits an app name). Safe as a folder name under
/// <c>Recipes:Root</c>: no path traversal, no separators.
/// </summary>
public sealed partial record RecipeName
{
    private RecipeName(string value) => Value = value;

    public string Value { get; }

    public static RecipeName Parse(string value) =>
        TryParse(value, out var name) ? name : throw new ArgumentException(
            $"'{value}' is not a valid recipe name: use 1-40 lower-case letters, digits and dashes, starting with a letter.", nameof(value));

    public static bool TryParse(string? value, out RecipeName name)
    {
        name = null!;
        if (value is null || !Pattern().IsMatch(value)) return false;
        name = new RecipeName(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}\\z")]
    private static partial Regex Pattern();
}
