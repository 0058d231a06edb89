using Recipes.Swarm.Naming;

namespace Recipes.Swarm.Docker;

/// <summary>
/// A validated app (stack) name: lower-case letters, digits and dashes, starting with a letter, at most 48
/// characters, so it is safe as a stack namespace, a volume prefix and a folder name (no path traversal, no
/// injection). Examples: <c>ci-hello-3f9a1c2e</c>, <c>warm-keycloak</c>.
/// </summary>
public sealed record AppName : ValidatedName
{
    private static readonly NameRule<AppName> Rule = new("^[a-z][a-z0-9-]{0,47}\\z", "app name",
        "use 1-48 lower-case letters, digits and dashes, starting with a letter", value => new AppName(value));

    private AppName(string value) : base(value) { }

    public static AppName Parse(string value) => Rule.Parse(value);

    public static bool TryParse(string? value, out AppName name) => Rule.TryParse(value, out name);
}
