using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recipes.Ci.Warm;

/// <summary>JSON for reports of the warm and housekeeping activities and commands: camelCase, enums as text.</summary>
public static class WarmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
