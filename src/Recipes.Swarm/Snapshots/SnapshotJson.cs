using System.Text.Json;

namespace Recipes.Swarm.Snapshots;

/// <summary>The one JSON shape of <c>manifest.json</c>: camelCase, indented so an operator can read it.</summary>
public static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
