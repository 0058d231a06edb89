using System.Text.Json.Nodes;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// Base of ForEach and ParallelForEach, which run their Body once per item of the same Items input; they differ in
/// how the iterations are scheduled (one after the other, or all at once).
/// </summary>
public abstract class ItemsLoop : Activity
{
    [Input(Description = "The items to iterate.", TypeName = "Object", DefaultSyntax = "Object")]
    public JsonNode? Items { get; set; }

    /// <summary>The items to iterate, normalized (see <see cref="LoopItems"/>); a copy, so the input is never changed.</summary>
    protected JsonArray ItemsToIterate() => LoopItems.From(Items);
}
