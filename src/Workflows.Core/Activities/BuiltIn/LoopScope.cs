using System.Text.Json.Nodes;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// What loops share: the scoped variables their body sees (CurrentValue, CurrentIndex, as Elsa's loops declare them, so
/// <c>getCurrentValue()</c> works) and the Break flag a Break in the body sets on its nearest loop.
/// </summary>
internal static class LoopScope
{
    public const string CurrentValue = "CurrentValue";
    public const string CurrentIndex = "CurrentIndex";
    public const string BreakingFlag = "breaking";

    public static IReadOnlySet<string> LoopTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Elsa.ForEach", "Elsa.ParallelForEach", "Elsa.For", "Elsa.While",
    };

    public static void Enter(ActivityContext context, JsonNode? value, int index)
    {
        context.SetLocalVariable(CurrentValue, value);
        context.SetLocalVariable(CurrentIndex, index);
    }

    /// <summary>The locals of one parallel iteration (each iteration has its own).</summary>
    public static JsonObject Iteration(JsonNode? value, int index) => new()
    {
        [CurrentValue] = value?.DeepClone(),
        [CurrentIndex] = index,
    };

    public static bool IsBreaking(ActivityContext context) => context.Properties[BreakingFlag] is JsonValue v && v.GetValue<bool>();
}
