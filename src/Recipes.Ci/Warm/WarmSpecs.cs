using System.Security.Cryptography;
using System.Text;
using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Warm;

/// <summary>
/// Loads a warm dependency's recipe at a version as its app <c>warm-&lt;name&gt;</c>. Each (dependency, version)
/// gets its own work tree, so a reconcile and a concurrent rollback never share a checkout.
/// </summary>
public sealed class WarmSpecs(WarmDependencyCatalog dependencies, AppSpecLoader loader)
{
    public Task<AppSpec> LoadAsync(string name, string version, CancellationToken cancellationToken)
    {
        var settings = dependencies.Get(name);
        return loader.LoadAsync(settings.Recipe, version, WorkTreeId(name, version), WarmDependencyCatalog.AppOf(name), cancellationToken);
    }

    // A valid run id (lower-case hex) that names the work tree; the version itself may hold '+' and '.'.
    private static string WorkTreeId(string name, string version) =>
        "warm-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + version)))[..16];
}
