using System.Text.Json.Nodes;

namespace Workflows.Core.Definitions;

/// <summary>Helpers to recognise activity objects inside opaque definition JSON.</summary>
public static class ActivityJson
{
    /// <summary>Studio's rule: an object is an activity when it has <c>type</c>, <c>id</c> and <c>version</c>.</summary>
    public static bool IsActivity(JsonNode? node) =>
        node is JsonObject o && o.ContainsKey("type") && o.ContainsKey("id") && o.ContainsKey("version");

    /// <summary>Activities held directly by properties of <paramref name="activity"/> (flowchart children, embedded ports).</summary>
    public static IEnumerable<(string Property, JsonObject Child)> ChildActivities(JsonObject activity)
    {
        foreach (var (key, value) in activity.ToList())
        {
            if (IsActivity(value))
                yield return (key, (JsonObject)value!);
            else if (value is JsonArray array)
                foreach (var item in array)
                    if (IsActivity(item))
                        yield return (key, (JsonObject)item!);
                    else if (item is JsonObject holder && IsActivity(holder["activity"]))
                        yield return (key, (JsonObject)holder["activity"]!); // a Switch case's activity
        }
    }

    /// <summary><paramref name="activity"/> and every activity it holds, at any depth.</summary>
    public static IEnumerable<JsonObject> SelfAndDescendants(JsonObject activity)
    {
        yield return activity;
        foreach (var (_, child) in ChildActivities(activity))
            foreach (var descendant in SelfAndDescendants(child))
                yield return descendant;
    }

    public static string? GetString(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
