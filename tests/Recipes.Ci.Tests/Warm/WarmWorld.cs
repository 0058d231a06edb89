using System.Text.Json.Nodes;
using Recipes.Ci.Persistence;
using Recipes.Ci.Tests.EndToEnd;
using TestKit;

namespace Recipes.Ci.Tests.Warm;

/// <summary>
/// A <see cref="CiWorld"/> with one warm dependency configured: a fixture recipe copied under a unique name, the
/// dependency named like the recipe (so its app <c>warm-&lt;name&gt;</c> and volumes are cleaned up by the world),
/// health on its own 127.0.0.1 port.
/// </summary>
public sealed class WarmWorld(DockerFixture docker) : IAsyncDisposable
{
    public CiWorld World { get; } = new(docker);

    public string AlertsRoot => Path.Combine(Path.GetDirectoryName(World.DataDir)!, "alerts");

    public string AddDependency(string fixture) => World.AddRecipe(fixture);

    public static Dictionary<string, string> Settings(string dependency, string? pinned, IDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>
        {
            ["RECIPECI_Warm__Dependencies__0__Name"] = dependency,
            ["RECIPECI_Warm__Dependencies__0__Recipe"] = dependency,
            ["RECIPECI_Warm__Dependencies__0__VersionPolicy"] = pinned is null ? "Latest" : "Pinned",
            ["RECIPECI_Warm__Dependencies__0__HealthGate__Url"] = "http://127.0.0.1:${PORT}/health",
            ["RECIPECI_Warm__Dependencies__0__HealthGate__TimeoutSeconds"] = "8",
        };
        if (pinned is not null)
            env["RECIPECI_Warm__Dependencies__0__Version"] = pinned;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) env[key] = value;
        return env;
    }

    /// <summary>Runs warm-reconcile.json for the dependency and returns the exit code and raw output.</summary>
    public async Task<(int ExitCode, string Raw)> ReconcileAsync(string dependency, string? pinned, IDictionary<string, string>? extra = null)
    {
        var (code, _, raw) = await World.RunAsync("warm-reconcile", Settings(dependency, pinned, extra), ("Dependency", dependency));
        return (code, raw);
    }

    public Task<WarmDependencyState?> StateAsync(string dependency) =>
        World.Get<WarmDependencyStateStore>().GetAsync(dependency, CancellationToken.None);

    /// <summary>The alert files (pending and seen) as JSON.</summary>
    public IReadOnlyList<JsonObject> Alerts()
    {
        if (!Directory.Exists(AlertsRoot)) return [];
        return Directory.EnumerateFiles(AlertsRoot, "*.json", SearchOption.AllDirectories)
            .Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonObject)
            .OfType<JsonObject>()
            .Where(a => a["title"] is not null || a["Title"] is not null)
            .ToList();
    }

    public static string Text(JsonObject alert, string name) =>
        (alert[name] ?? alert[char.ToUpperInvariant(name[0]) + name[1..]])?.ToString() ?? "";

    public ValueTask DisposeAsync() => World.DisposeAsync();
}
