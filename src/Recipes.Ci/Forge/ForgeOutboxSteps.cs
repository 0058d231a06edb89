namespace Recipes.Ci.Forge;

/// <summary>The posts a run makes to its forge, in order; each at most once per run.</summary>
public static class ForgeOutboxSteps
{
    public const string Pending = "pending";
    public const string Final = "final";
    public const string Comment = "comment";
}
