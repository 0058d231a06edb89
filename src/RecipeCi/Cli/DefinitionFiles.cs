namespace RecipeCi.Cli;

/// <summary>
/// The definition files a command argument names: a folder's <c>*.json</c> files in name order, or the path itself
/// (which the command then checks exists), as <c>workflows import</c> and <c>workflows layout</c> read them.
/// </summary>
internal static class DefinitionFiles
{
    public static IReadOnlyList<string> In(string path) =>
        Directory.Exists(path) ? [.. Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal)] : [path];
}
