using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Workflows.Hosting.Tests.Support;

/// <summary>JSON helpers for calling the Elsa API in tests.</summary>
public static class ApiClientExtensions
{
    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await ReadAsync(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostJsonAsync(this HttpClient client, string path, JsonNode body)
    {
        var response = await client.PostAsync(path, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        return (response, await ReadAsync(response));
    }

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
    }

    public static JsonObject SaveRequest(JsonObject model, bool publish) => new() { ["model"] = model.DeepClone(), ["publish"] = publish };

    public static string Str(this JsonNode? node, string key) => node?[key]?.GetValue<string>() ?? throw new InvalidOperationException($"no '{key}' in {node?.ToJsonString()}");

    public static bool Flag(this JsonNode? node, string key) => node?[key]?.GetValue<bool>() ?? throw new InvalidOperationException($"no '{key}' in {node?.ToJsonString()}");

    public static int Int(this JsonNode? node, string key) => node?[key]?.GetValue<int>() ?? throw new InvalidOperationException($"no '{key}' in {node?.ToJsonString()}");
}
