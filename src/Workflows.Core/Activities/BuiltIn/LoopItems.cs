using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Normalizes a loop's Items input: an array stays, null is empty, anything else is one item.</summary>
internal static class LoopItems
{
    public static JsonArray From(JsonNode? items) => items switch
    {
        null => [],
        JsonArray array => (JsonArray)array.DeepClone(),
        _ => [items.DeepClone()],
    };
}
