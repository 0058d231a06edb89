namespace Workflows.Core.Management;

/// <summary>Elsa's VersionOptions subset: Latest, Published, LatestOrPublished or a specific version.</summary>
public sealed record VersionSelector(VersionSelectorKind Kind, int Version = 0)
{
    public static VersionSelector Latest { get; } = new(VersionSelectorKind.Latest);
    public static VersionSelector Published { get; } = new(VersionSelectorKind.Published);
    public static VersionSelector LatestOrPublished { get; } = new(VersionSelectorKind.LatestOrPublished);
    public static VersionSelector Specific(int version) => new(VersionSelectorKind.Specific, version);
}
