namespace Workflows.Core.Definitions;

/// <summary>Name conventions of the wire format.</summary>
public static class Naming
{
    /// <summary>Studio camelizes input names (<c>CronExpression</c> to <c>cronExpression</c>).</summary>
    public static string Camelize(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    public static string Pascalize(string name) =>
        string.IsNullOrEmpty(name) || char.IsUpper(name[0]) ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
