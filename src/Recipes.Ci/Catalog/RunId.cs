using Recipes.Swarm.Naming;

namespace Recipes.Ci.Catalog;

/// <summary>
/// A validated run id (a workflow instance id): 1-40 lower-case letters, digits and inner dashes. It becomes
/// part of folder names, the Keycloak realm <c>ci-&lt;run&gt;</c> and the PostgreSQL database
/// <c>ci_&lt;run&gt;</c>, so the pattern is strict: nothing can be injected through it. Underscores are not
/// allowed so that mapping dashes to underscores for PostgreSQL stays reversible.
/// </summary>
public sealed record RunId : ValidatedName
{
    private static readonly NameRule<RunId> Rule = new("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?\\z", "run id",
        "use 1-40 lower-case letters, digits and dashes, not starting or ending with a dash", value => new RunId(value));

    private RunId(string value) : base(value) { }

    public static RunId Parse(string value) => Rule.Parse(value);

    public static bool TryParse(string? value, out RunId id) => Rule.TryParse(value, out id);
}
