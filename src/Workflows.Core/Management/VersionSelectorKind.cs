namespace Workflows.Core.Management;

public enum VersionSelectorKind
{
    Latest,
    Published,
    LatestOrPublished,
    Specific,
}
