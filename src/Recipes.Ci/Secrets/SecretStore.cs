using System.Text.RegularExpressions;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Secrets;

/// <summary>
/// The secret values recipeci generated, kept because Docker never gives a secret back: one file per value,
/// <c>&lt;DataDir&gt;/secrets/&lt;app&gt;/&lt;key&gt;.&lt;version&gt;</c>, folders 0700 and files 0600, so only recipeci's
/// user can read them. A value is written once (to a temporary file renamed into place, the first writer wins) and
/// never changed: a new version of a secret is a new file. Values never reach logs.
/// </summary>
public sealed partial class SecretStore(string root)
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode ValueMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Root { get; } = root;

    /// <summary>The stored value, or null.</summary>
    public async Task<string?> GetAsync(AppName app, string key, string version, CancellationToken cancellationToken)
    {
        var path = PathOf(app, key, version);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }

    /// <summary>The stored value, or <paramref name="create"/>'s, stored first. Concurrent callers all get the value stored.</summary>
    public async Task<string> GetOrAddAsync(AppName app, string key, string version, Func<string> create, CancellationToken cancellationToken)
    {
        if (await GetAsync(app, key, version, cancellationToken) is { } existing) return existing;
        var path = PathOf(app, key, version);
        EnsureFolder(Root);
        EnsureFolder(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await using (var stream = new FileStream(temp, new FileStreamOptions
                     {
                         Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ValueMode, Options = FileOptions.WriteThrough,
                     }))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(create());
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp); // another caller stored one first: theirs is the value
        }
        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    /// <summary>The apps that have stored values.</summary>
    public IReadOnlyList<AppName> ListApps() => Directory.Exists(Root)
        ? Directory.GetDirectories(Root).Select(Path.GetFileName).Select(n => AppName.TryParse(n, out var app) ? app : null).OfType<AppName>().ToList()
        : [];

    /// <summary>The (key, version) pairs stored for an app.</summary>
    public IReadOnlyList<(string Key, string Version)> List(AppName app)
    {
        var folder = Path.Combine(Root, app.Value);
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()
            .Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal) && f.LastIndexOf('.') > 0)
            .Select(f => (f[..f.LastIndexOf('.')], f[(f.LastIndexOf('.') + 1)..])).ToList();
    }

    /// <summary>Deletes one stored value.</summary>
    public void Delete(AppName app, string key, string version) => File.Delete(PathOf(app, key, version));

    /// <summary>Deletes every value stored for the app; true when there were any.</summary>
    public bool Forget(AppName app)
    {
        var folder = Path.Combine(Root, app.Value);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }

    private string PathOf(AppName app, string key, string version)
    {
        if (!Part().IsMatch(key)) throw new SecretException($"Secret key '{key}' is not a compose key (letters, digits, '_' and '-').");
        if (!Part().IsMatch(version)) throw new SecretException($"Secret version '{version}' of '{key}' must be letters, digits, '_' and '-' (e.g. v1).");
        return Path.Combine(Root, app.Value, $"{key}.{version}");
    }

    private static void EnsureFolder(string folder)
    {
        if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, FolderMode);
        else File.SetUnixFileMode(folder, FolderMode);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}\\z")]
    private static partial Regex Part();
}
