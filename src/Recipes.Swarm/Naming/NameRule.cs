using System.Text.RegularExpressions;

namespace Recipes.Swarm.Naming;

/// <summary>
/// The rule of a <see cref="ValidatedName"/> type, as data: the pattern a value must match, what the type is called
/// and what a valid value looks like (for the error), and how to build the type from an accepted value. Each type
/// keeps its own rule; parsing and the error's wording are the same for all.
/// </summary>
public sealed class NameRule<TName>
    where TName : ValidatedName
{
    private readonly Regex _pattern;
    private readonly string _kind;
    private readonly string _requirement;
    private readonly Func<string, TName> _create;

    /// <param name="pattern">Anchored pattern of an accepted value.</param>
    /// <param name="kind">What the name is, as the error says it ("app name").</param>
    /// <param name="requirement">What to use instead, as the error says it ("use 1-48 lower-case letters, ...").</param>
    /// <param name="create">Builds the name from an accepted value.</param>
    public NameRule(string pattern, string kind, string requirement, Func<string, TName> create)
    {
        _pattern = new Regex(pattern, RegexOptions.CultureInvariant);
        _kind = kind;
        _requirement = requirement;
        _create = create;
    }

    /// <summary>Parses <paramref name="value"/> or throws an <see cref="ArgumentException"/> that says what to use instead.</summary>
    public TName Parse(string value) =>
        TryParse(value, out var name) ? name : throw new ArgumentException(
            $"'{value}' is not a valid {_kind}: {_requirement}.", nameof(value));

    public bool TryParse(string? value, out TName name)
    {
        name = null!;
        if (value is null || !_pattern.IsMatch(value)) return false;
        name = _create(value);
        return true;
    }
}
