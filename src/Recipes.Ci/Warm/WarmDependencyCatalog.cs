using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Warm;

/// <summary>The configured warm dependencies (<c>Warm:Dependencies</c>), looked up by name, and their app names.</summary>
public sealed class WarmDependencyCatalog(WarmOptions options)
{
    public IReadOnlyList<WarmDependencySettings> All => options.Dependencies;

    public WarmDependencySettings Get(string name) =>
        options.Dependencies.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"'{name}' is not a configured warm dependency; Warm:Dependencies has: {string.Join(", ", options.Dependencies.Select(d => d.Name).DefaultIfEmpty("none"))}.");

    /// <summary>The app of a warm dependency: <c>warm-&lt;name&gt;</c> (DESIGN.md section 4).</summary>
    public static AppName AppOf(string name) => AppName.Parse("warm-" + name);
}
