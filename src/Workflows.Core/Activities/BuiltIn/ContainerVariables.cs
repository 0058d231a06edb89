using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Runtime;

namespace Workflows.Core.Activities.BuiltIn;

/// <summary>
/// A container's own <c>variables</c> (Sequence, Parallel): visible to its subtree only, with their initial values. The
/// root's are the workflow's variables (the definition reads them), so they are not declared again.
/// </summary>
internal static class ContainerVariables
{
    public static void Declare(ActivityContext context)
    {
        if (context.Node.ParentNodeId is null)
            return;
        foreach (var variable in (context.Node.Json["variables"] as JsonArray ?? []).OfType<JsonObject>())
            if (ActivityJson.GetString(variable, "name") is { Length: > 0 } name)
                context.SetLocalVariable(name, variable["value"]);
    }
}
