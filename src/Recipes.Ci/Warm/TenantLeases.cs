using System.Text.Json;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Warm;

/// <summary>
/// Tenant leases as files <c>DataDir/tenants/&lt;run&gt;/&lt;dependency&gt;.json</c> (written to a temporary file and
/// renamed, so a reader never sees half a lease). Run ids and dependency names are validated names, so they are
/// safe as path parts.
/// </summary>
public sealed class TenantLeases(string root)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(TenantLease lease, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, RunId.Parse(lease.Run).Value);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, lease.Dependency + ".json");
        var temporary = file + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(lease, Json), cancellationToken);
        File.Move(temporary, file, overwrite: true);
    }

    public async Task<IReadOnlyList<TenantLease>> OfAsync(RunId run, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, run.Value);
        if (!Directory.Exists(folder))
            return [];
        var leases = new List<TenantLease>();
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                if (JsonSerializer.Deserialize<TenantLease>(await File.ReadAllTextAsync(file, cancellationToken), Json) is { } lease)
                    leases.Add(lease);
            }
            catch (Exception e) when (e is JsonException or FileNotFoundException)
            {
                // A lease deleted meanwhile, or damaged: neither says the run is alive.
            }
        }
        return leases;
    }

    /// <summary>
    /// Live tenants per dependency: one lease file is one tenant held by a run (written before the tenant is created
    /// and deleted after it is, so a tenant never lives without its lease).
    /// </summary>
    public IReadOnlyDictionary<string, int> CountByDependency()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
            return counts;
        foreach (var file in Directory.EnumerateFiles(root, "*.json", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1 }))
        {
            var dependency = Path.GetFileNameWithoutExtension(file);
            counts[dependency] = counts.GetValueOrDefault(dependency) + 1;
        }
        return counts;
    }

    public void Delete(RunId run, string dependency)
    {
        var folder = Path.Combine(root, run.Value);
        // File.Delete throws when the folder is missing: a run with no lease here (another host's, or deleted twice) is fine.
        if (!Directory.Exists(folder))
            return;
        File.Delete(Path.Combine(folder, dependency + ".json"));
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
    }
}
