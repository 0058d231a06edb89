using System.Text.RegularExpressions;

namespace Recipes.Swarm.Snapshots;

/// <summary>Volume tar names inside a snapshot folder: <c>&lt;volume&gt;.tar</c>, checked so a manifest cannot point outside its folder.</summary>
public static partial class SnapshotFileName
{
    public static string ForVolume(string shortName) => Validate(shortName + ".tar");

    public static string Validate(string file) =>
        Pattern().IsMatch(file) && !file.Contains("..", StringComparison.Ordinal)
            ? file
            : throw new SnapshotException($"'{file}' is not an allowed snapshot file name.");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,250}\\.tar\\z")]
    private static partial Regex Pattern();
}
