using System.Text.RegularExpressions;

namespace Recipes.Ci.Catalog;

/// <summary>
/// A validated run id (a workflow instance id): 1-40 lower-case letters, digits and inner dashes. It becomes
/// part of folder names, the Keycloak realm <c>ci-&lt;run&gt;</c> and the PostgreSQL database
/// <c>ci_&lt;run&gt;</c>, so the pattern is strict: nothing can be injected through it. Underscores are not
/// allowed so that mapping dashes to underscores for PostgreSQL stays reversible.
/// </summary>
public sealed partial record RunId
{
    private RunId(string value) => Value = value;

    public string Value { get; }

    public static RunId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new ArgumentException(
            $"'{value}' is not a valid run id: use 1-40 lower-case letters, digits and dashes, not starting or ending with a dash.", nameof(value));

    public static bool TryParse(string? value, out RunId id)
    {
        id = null!;
        if (value is null || !Pattern().IsMatch(value)) return false;
        id = new RunId(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?\\z")]
    private static partial Regex Pattern();
}
