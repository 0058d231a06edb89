namespace Recipes.Swarm.Naming;

/// <summary>
/// A name checked against its type's <see cref="NameRule{TName}"/> before it exists (<c>AppName</c>,
/// <c>RecipeName</c>, <c>RunId</c>): it prints as its value, and two names are equal when type and value are.
/// </summary>
public abstract record ValidatedName
{
    protected ValidatedName(string value) => Value = value;

    public string Value { get; }

    public sealed override string ToString() => Value;
}
