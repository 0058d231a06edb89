using System.Text.Json;

namespace Recipes.Ci.Tenants;

/// <summary>Reads Keycloak's error bodies: <c>{"errorMessage": ...}</c> from admin endpoints, <c>{"error", "error_description"}</c> from OAuth endpoints.</summary>
internal static class KeycloakErrorBody
{
    public static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return Shorten(text);
            var root = doc.RootElement;
            if (root.TryGetProperty("errorMessage", out var message) && message.ValueKind == JsonValueKind.String) return message.GetString();
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                return root.TryGetProperty("error_description", out var description) && description.ValueKind == JsonValueKind.String
                    ? $"{error.GetString()}: {description.GetString()}"
                    : error.GetString();
            return Shorten(text);
        }
        catch (JsonException)
        {
            return Shorten(text);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
