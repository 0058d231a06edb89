using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Recipes.Swarm.Docker;

/// <summary>
/// Prunes the engine's build cache through <c>POST /build/prune</c>, which Docker.DotNet does not wrap; a plain
/// HTTP call over the same endpoint (unix socket or tcp).
/// </summary>
public sealed class DockerBuildCache(DockerOptions options)
{
    private const string ApiVersion = EngineHttpClient.ApiVersion;

    public async Task<BuildCachePruneResult> PruneAsync(CancellationToken cancellationToken)
    {
        using var http = CreateClient();
        using var response = await http.PostAsync($"/{ApiVersion}/build/prune", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<PruneBody>(cancellationToken);
        return new BuildCachePruneResult(body?.CachesDeleted?.Count ?? 0, body?.SpaceReclaimed ?? 0);
    }

    /// <summary>What a prune would take: build cache records not in use, from <c>GET /system/df</c>.</summary>
    public async Task<BuildCachePruneResult> ReclaimableAsync(CancellationToken cancellationToken)
    {
        using var http = CreateClient();
        var body = await http.GetFromJsonAsync<DiskUsageBody>($"/{ApiVersion}/system/df?type=build-cache", cancellationToken);
        var unused = (body?.BuildCache ?? []).Where(r => !r.InUse).ToList();
        return new BuildCachePruneResult(unused.Count, unused.Sum(r => r.Size));
    }

    private HttpClient CreateClient()
    {
        var http = EngineHttpClient.Create(options);
        http.Timeout = TimeSpan.FromMinutes(10);
        return http;
    }

    private sealed record DiskUsageBody([property: JsonPropertyName("BuildCache")] List<BuildCacheRecord>? BuildCache);

    private sealed record BuildCacheRecord([property: JsonPropertyName("InUse")] bool InUse, [property: JsonPropertyName("Size")] long Size);

    private sealed record PruneBody(
        [property: JsonPropertyName("CachesDeleted")] List<string>? CachesDeleted,
        [property: JsonPropertyName("SpaceReclaimed")] long SpaceReclaimed);
}

/// <summary>What a build cache prune removed.</summary>
public sealed record BuildCachePruneResult(int Entries, long SpaceReclaimed);
