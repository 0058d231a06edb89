using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recipes.Ci.Alerts;

/// <summary>The JSON shape of an alert file and of the generic webhook body: camelCase, severity as text.</summary>
public static class AlertJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
