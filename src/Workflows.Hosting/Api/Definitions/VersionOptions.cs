using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// Elsa's <c>VersionOptions</c> as they travel in query strings: Latest, Published, LatestOrPublished,
/// LatestAndPublished, Draft, AllVersions, or a version number.
/// </summary>
public sealed record VersionOptions(VersionOptionsKind Kind, int Version = 0)
{
    public static VersionOptions Latest { get; } = new(VersionOptionsKind.Latest);

    public static bool TryParse(string? text, VersionOptions fallback, out VersionOptions options)
    {
        options = fallback;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (int.TryParse(text, out var number) && number > 0)
        {
            options = new VersionOptions(VersionOptionsKind.Specific, number);
            return true;
        }
        if (Enum.TryParse<VersionOptionsKind>(text, ignoreCase: true, out var kind) && kind != VersionOptionsKind.Specific)
        {
            options = new VersionOptions(kind);
            return true;
        }
        return false;
    }

    /// <summary>The engine's selector for single-version look-ups; kinds naming several versions pick the latest.</summary>
    public VersionSelector ToSelector() => Kind switch
    {
        VersionOptionsKind.Published => VersionSelector.Published,
        VersionOptionsKind.LatestOrPublished => VersionSelector.LatestOrPublished,
        VersionOptionsKind.Specific => VersionSelector.Specific(Version),
        _ => VersionSelector.Latest,
    };

    /// <summary>Narrows a store filter; LatestOrPublished cannot be said as one filter and is applied by <see cref="Matches"/>.</summary>
    public WorkflowDefinitionFilter Narrow(WorkflowDefinitionFilter filter) => Kind switch
    {
        VersionOptionsKind.Latest => filter with { IsLatest = true },
        VersionOptionsKind.Published => filter with { IsPublished = true },
        VersionOptionsKind.LatestAndPublished => filter with { IsLatest = true, IsPublished = true },
        VersionOptionsKind.Draft => filter with { IsLatest = true, IsPublished = false },
        VersionOptionsKind.Specific => filter with { Version = Version },
        _ => filter,
    };

    public bool Matches(StoredWorkflowDefinition version) => Kind switch
    {
        VersionOptionsKind.Latest => version.IsLatest,
        VersionOptionsKind.Published => version.IsPublished,
        VersionOptionsKind.LatestOrPublished => version.IsLatest || version.IsPublished,
        VersionOptionsKind.LatestAndPublished => version.IsLatest && version.IsPublished,
        VersionOptionsKind.Draft => version.IsLatest && !version.IsPublished,
        VersionOptionsKind.Specific => version.Version == Version,
        _ => true,
    };
}

public enum VersionOptionsKind
{
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    AllVersions,
    Specific,
}
