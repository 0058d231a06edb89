using System.Text.RegularExpressions;

namespace Recipes.Swarm.Docker;

/// <summary>
/// A validated app (stack) name: lower-case letters, digits and dashes, starting with a letter, at most 48
/// characters, so it is safe as a stack namespace, a volume prefix and a folder name (no path traversal, no
/// injection). Examples: <c>ci-hello-3f9a1c2e</c>, <c>warm-keycloak</c>.
/// </summary>
public sealed partial record AppName
{
    private AppName(string value) => Value = value;

    public string Value { get; }

    public static AppName Parse(string value) =>
        TryParse(value, out var name) ? name : throw new ArgumentException(
            $"'{value}' is not a valid app name: use 1-48 lower-case letters, digits and dashes, starting with a letter.", nameof(value));

    public static bool TryParse(string? value, out AppName name)
    {
        name = null!;
        if (value is null || !Pattern().IsMatch(value)) return false;
        name = new AppName(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,47}\\z")]
    private static partial Regex Pattern();
}
