namespace Recipes.Swarm.Volumes;

/// <summary>
/// A Docker volume of an app: its engine name (<c>&lt;app&gt;_data</c>), its short name as in the compose file
/// (<c>data</c>), and what it takes to recreate it identically. <see cref="Mountpoint"/> is the engine's host
/// path of the volume (volume inspect), null when unknown.
/// </summary>
public sealed record VolumeInfo(
    string Name,
    string ShortName,
    string Driver,
    IReadOnlyDictionary<string, string> Options,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? CreatedAt,
    string? Mountpoint = null);
