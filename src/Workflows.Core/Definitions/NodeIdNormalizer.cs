using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>
/// Fills in missing <c>nodeId</c>s the way Elsa does: <c>Workflow1:&lt;rootId&gt;</c> for the root and
/// <c>&lt;parentNodeId&gt;:&lt;id&gt;</c> for every descendant. Existing nodeIds are kept.
/// </summary>
public static class NodeIdNormalizer
{
    public const string RootPrefix = "Workflow1";

    /// <summary>Returns true when any nodeId was added.</summary>
    public static bool Normalize(JsonObject root) => Visit(root, RootPrefix);

    /// <summary>
    /// Gives an inlined workflow's activities node ids under <paramref name="parentNodeId"/> (its own ids are dropped),
    /// so two uses of one workflow in a parent never share a node id.
    /// </summary>
    public static void Renumber(JsonObject root, string parentNodeId)
    {
        Strip(root);
        Visit(root, parentNodeId);
    }

    private static void Strip(JsonObject activity)
    {
        activity.Remove("nodeId");
        foreach (var (_, child) in ActivityJson.ChildActivities(activity))
            Strip(child);
    }

    private static bool Visit(JsonObject activity, string parentNodeId)
    {
        var changed = false;
        var nodeId = ActivityJson.GetString(activity, "nodeId");
        if (string.IsNullOrEmpty(nodeId))
        {
            nodeId = $"{parentNodeId}:{ActivityJson.GetString(activity, "id") ?? activity["id"]?.ToJsonString()}";
            activity["nodeId"] = nodeId;
            changed = true;
        }
        foreach (var (_, child) in ActivityJson.ChildActivities(activity))
            changed |= Visit(child, nodeId);
        return changed;
    }
}
