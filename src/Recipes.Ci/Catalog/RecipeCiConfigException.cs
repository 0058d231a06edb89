namespace Recipes.Ci.Catalog;

/// <summary>A <c>recipeci.yml</c> that cannot be used; names the file, the key and (when known) the line.</summary>
public sealed class RecipeCiConfigException(string file, string key, string problem, long? line = null, Exception? inner = null)
    : Exception($"{file}{(line is null ? "" : $":{line}")}: {key}: {problem}", inner)
{
    public string File { get; } = file;

    public string Key { get; } = key;
}
