using System.Text.RegularExpressions;

namespace Workflows.Hosting.Studio;

/// <summary>
/// The installed <c>@elsa-workflows/elsa-studio-wasm</c> bundle: where it is, whether it is complete, and the
/// stylesheet and script tags of its sample <c>index.html</c> (without the Google Fonts ones) for our host pages.
/// </summary>
public sealed partial class StudioBundle
{
    public const string PackageName = "@elsa-workflows/elsa-studio-wasm";
    public const string PackageVersion = "3.8.2";

    /// <summary>Where <c>npm ci</c> installs the bundle, relative to the repository root.</summary>
    public static readonly string NpmFolder = Path.Combine("src", "Workflows.Hosting", "Studio");

    private static readonly string InstalledRelative = Path.Combine("node_modules", "@elsa-workflows", "elsa-studio-wasm");

    private StudioBundle(string root, string npmFolder)
    {
        Root = root;
        NpmInstallFolder = npmFolder;
    }

    /// <summary>The folder that holds <c>_framework/</c>, <c>_content/</c> and <c>index.html</c>.</summary>
    public string Root { get; }

    /// <summary>Where to run <c>npm ci</c> to install the bundle (for error messages).</summary>
    public string NpmInstallFolder { get; }

    /// <summary>The loader script exists; checked per request so that a later <c>npm ci</c> shows up in messages.</summary>
    public bool IsInstalled => File.Exists(Path.Combine(Root, "_framework", "blazor.webassembly.js"))
                               && File.Exists(Path.Combine(Root, "index.html"));

    /// <summary>Resolves the configured path, or searches upward from the given folders for the npm install location.</summary>
    public static StudioBundle Locate(StudioOptions options, string contentRoot, string appBase)
    {
        if (!string.IsNullOrWhiteSpace(options.BundlePath))
        {
            var configured = Path.GetFullPath(options.BundlePath, contentRoot);
            return new StudioBundle(configured, configured);
        }
        foreach (var start in new[] { appBase, contentRoot })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var npmFolder = Path.Combine(dir.FullName, NpmFolder);
                if (File.Exists(Path.Combine(npmFolder, "package.json")))
                    return new StudioBundle(Path.Combine(npmFolder, InstalledRelative), npmFolder);
            }
        }
        var fallback = Path.Combine(contentRoot, NpmFolder);
        return new StudioBundle(Path.Combine(fallback, InstalledRelative), fallback);
    }

    /// <summary>The <c>&lt;link&gt;</c> tags of the bundle's index.html minus the off-site ones (Google Fonts and their preconnects).</summary>
    public IReadOnlyList<string> HeadTags() =>
        LinkTag().Matches(ReadIndex()).Select(m => m.Value).Where(tag => !IsExternal(tag)).ToList();

    /// <summary>The body <c>&lt;script&gt;</c> tags, in order; <c>blazor.webassembly.js</c> is last in the bundle and stays last.</summary>
    public IReadOnlyList<string> ScriptTags() =>
        ScriptTag().Matches(ReadIndex()).Select(m => m.Value).Where(tag => !IsExternal(tag)).ToList();

    private string ReadIndex() => File.ReadAllText(Path.Combine(Root, "index.html"));

    // The fonts are cosmetic and would block first paint on a network that drops packets (contract 1.4 item 5).
    private static bool IsExternal(string tag) => tag.Contains("://", StringComparison.Ordinal);

    [GeneratedRegex(@"<link\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex(@"<script\b[^>]*>\s*</script>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();
}
