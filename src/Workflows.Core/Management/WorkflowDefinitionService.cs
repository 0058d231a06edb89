using System.Security.Cryptography;
using System.Text;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Management;

/// <summary>
/// Elsa's versioning rules over a definition store: save updates the latest draft or creates a new draft after a
/// published version; publish validates and moves the latest/published flags; retract clears published; revert
/// copies an old version into a new draft. Instances stay pinned to the version id they started on.
/// </summary>
public sealed class WorkflowDefinitionService(
    IWorkflowDefinitionStore store,
    ITriggerStore triggers,
    WorkflowValidator validator,
    TriggerIndexer indexer,
    TimeProvider time,
    IEnumerable<IPublishCheck>? publishChecks = null,
    Activities.ActivityRegistry? activities = null)
{
    // The registry learns every stored version usable as an activity once per process, before the first save or import
    // needs it (a parent validates against its child); later saves keep it current, and a child published since (by
    // another node, or by `workflows import`) is learned before a parent naming it is validated.
    private readonly Activities.WorkflowDefinitions.WorkflowActivityTypeRefresh? _activityTypes =
        activities is null ? null : new(activities, store, time.GetUtcNow);

    /// <summary>Registers the stored definitions usable as activities (once per process; later calls wait for the first).</summary>
    public Task EnsureActivityTypesLoadedAsync() => _activityTypes?.EnsureReadAsync() ?? Task.CompletedTask;

    private async Task SaveVersionsAsync(IReadOnlyList<StoredWorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        await store.SaveAsync(versions, cancellationToken);
        foreach (var version in versions)
            activities?.WorkflowActivities.Update(version);
    }

    /// <summary>Saves a document as the latest draft (contract 3.5) and optionally publishes it.</summary>
    public async Task<StoredWorkflowDefinition> SaveAsync(WorkflowDefinitionDocument document, bool publish, CancellationToken cancellationToken, string? contentHash = null)
    {
        await EnsureActivityTypesLoadedAsync();
        document = document.Clone();
        document.Normalize();
        var definitionId = string.IsNullOrWhiteSpace(document.DefinitionId) ? NewId() : document.DefinitionId!;
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest) ?? versions.LastOrDefault();
        var changed = new List<StoredWorkflowDefinition>();

        string id;
        int version;
        DateTimeOffset createdAt;
        if (latest is not null && !latest.IsPublished)
        {
            (id, version, createdAt) = (latest.Id, latest.Version, latest.CreatedAt);
        }
        else
        {
            (id, version, createdAt) = (NewId(), NextVersion(versions), time.GetUtcNow());
            if (latest is not null)
                changed.Add(WithFlags(latest, isLatest: false, latest.IsPublished));
        }

        var draft = Stamp(document, definitionId, id, version, createdAt, isPublished: false, contentHash);
        changed.Add(draft);
        await SaveVersionsAsync(changed, cancellationToken);
        return publish ? await PublishAsync(definitionId, cancellationToken) : draft;
    }

    /// <summary>Validates the latest version, then makes it the only latest and published one and indexes its triggers.</summary>
    public async Task<StoredWorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        await EnsureActivityTypesLoadedAsync();
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest) ?? versions.LastOrDefault()
                     ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' was not found.");
        await LearnActivityTypesAsync(WorkflowDefinitionDocument.Parse(latest.Json), cancellationToken);
        var problems = validator.Validate(latest.Json, latest.Name);
        if (problems.Count > 0)
            throw new WorkflowValidationException(problems);

        return await WritePublishedAsync(WithFlags(latest, isLatest: true, isPublished: true), versions, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="published"/> as the only latest and published version, once every publish check has passed
    /// its triggers: the other versions that were either lose both flags in the same write; then its triggers replace
    /// the definition's.
    /// </summary>
    private async Task<StoredWorkflowDefinition> WritePublishedAsync(StoredWorkflowDefinition published,
        IReadOnlyList<StoredWorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        var indexed = indexer.Index(published);
        foreach (var check in publishChecks ?? [])
        {
            var refused = await check.CheckAsync(published, indexed, cancellationToken);
            if (refused.Count > 0)
                throw new WorkflowValidationException(refused);
        }
        var changed = versions.Where(v => v.Id != published.Id && (v.IsLatest || v.IsPublished))
            .Select(v => WithFlags(v, isLatest: false, isPublished: false))
            .ToList();
        changed.Add(published);
        await SaveVersionsAsync(changed, cancellationToken);
        await triggers.ReplaceAsync(published.DefinitionId, indexed, cancellationToken);
        return published;
    }

    private static int NextVersion(IReadOnlyList<StoredWorkflowDefinition> versions) =>
        versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;

    /// <summary>Clears the published flag of the published version and removes its triggers.</summary>
    public async Task<StoredWorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var published = versions.FirstOrDefault(v => v.IsPublished)
                        ?? throw new InvalidOperationException($"Workflow definition '{definitionId}' is not published.");
        var retracted = WithFlags(published, published.IsLatest, isPublished: false);
        await SaveVersionsAsync([retracted], cancellationToken);
        await triggers.ReplaceAsync(definitionId, [], cancellationToken);
        return retracted;
    }

    /// <summary>Copies version <paramref name="version"/> into a new, unpublished latest version.</summary>
    public async Task<StoredWorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var source = versions.FirstOrDefault(v => v.Version == version)
                     ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' has no version {version}.");
        var changed = versions.Where(v => v.IsLatest).Select(v => WithFlags(v, isLatest: false, v.IsPublished)).ToList();
        var document = WorkflowDefinitionDocument.Parse(source.Json);
        document.Id = NewId();
        document.Version = NextVersion(versions);
        document.IsLatest = true;
        document.IsPublished = false;
        document.CreatedAt = time.GetUtcNow();
        var copy = ToStored(document, source.ContentHash);
        changed.Add(copy);
        await SaveVersionsAsync(changed, cancellationToken);
        return copy;
    }

    /// <summary>
    /// Imports a definition file (e.g. <c>workflows/ci.json</c>) and publishes it. An unchanged file (same content
    /// hash as the latest version, or the same workflow as the latest published one, e.g. its export) creates nothing;
    /// a changed one becomes a new version.
    /// </summary>
    public async Task<StoredWorkflowDefinition> ImportAsync(string json, string file, CancellationToken cancellationToken)
    {
        await EnsureActivityTypesLoadedAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var document = WorkflowDefinitionDocument.Parse(json);
        await LearnActivityTypesAsync(document, cancellationToken);
        var problems = validator.Validate(document, file);
        if (problems.Count > 0)
            throw new WorkflowValidationException(problems);
        if (string.IsNullOrWhiteSpace(document.DefinitionId))
            document.DefinitionId = Path.GetFileNameWithoutExtension(file);
        // A file written by hand (or exported by a tool that drops designer metadata) opens laid out in Studio.
        new FlowchartLayout().Apply(document, onlyMissing: true);
        var versions = await store.ListVersionsAsync(document.DefinitionId!, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest);
        if (latest is not null && latest.IsPublished
            && (latest.ContentHash == hash || WorkflowDefinitionFile.SameContent(document, WorkflowDefinitionDocument.Parse(latest.Json))))
            return latest; // unchanged, or an export of the latest version (same workflow, other formatting)

        // The file becomes a new version, published, in one write with the flags it takes from the others. A draft
        // edited in Studio is never overwritten: it stays as it was, no longer the latest, and the file comes after it.
        document = document.Clone();
        document.Normalize();
        var published = Stamp(document, document.DefinitionId!, NewId(), NextVersion(versions), time.GetUtcNow(), isPublished: true, hash);
        return await WritePublishedAsync(published, versions, cancellationToken);
    }

    private Task LearnActivityTypesAsync(WorkflowDefinitionDocument document, CancellationToken cancellationToken) =>
        _activityTypes?.LearnTypesOfAsync(document, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Finds a version: Latest, Published, or a specific version number.</summary>
    public async Task<StoredWorkflowDefinition?> FindAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken)
    {
        var versions = new WorkflowDefinitionFilter { DefinitionId = definitionId };
        return selector.Kind switch
        {
            VersionSelectorKind.Published => await store.FindNewestAsync(versions with { IsPublished = true }, cancellationToken),
            VersionSelectorKind.LatestOrPublished => await store.FindNewestAsync(versions with { IsLatest = true }, cancellationToken)
                                                     ?? await store.FindNewestAsync(versions with { IsPublished = true }, cancellationToken),
            VersionSelectorKind.Specific => await store.FindNewestAsync(versions with { Version = selector.Version }, cancellationToken),
            _ => await store.FindNewestAsync(versions with { IsLatest = true }, cancellationToken),
        };
    }

    private static StoredWorkflowDefinition WithFlags(StoredWorkflowDefinition definition, bool isLatest, bool isPublished)
    {
        var document = WorkflowDefinitionDocument.Parse(definition.Json);
        document.IsLatest = isLatest;
        document.IsPublished = isPublished;
        return definition with { IsLatest = isLatest, IsPublished = isPublished, Json = document.ToJsonString() };
    }

    /// <summary>Gives a (normalized) document its identity and flags as the latest version, and stores it as such.</summary>
    private StoredWorkflowDefinition Stamp(WorkflowDefinitionDocument document, string definitionId, string id, int version,
        DateTimeOffset createdAt, bool isPublished, string? contentHash)
    {
        document.Id = id;
        document.DefinitionId = definitionId;
        document.Version = version;
        document.Name = document.Name?.Trim();
        document.CreatedAt = createdAt;
        document.IsLatest = true;
        document.IsPublished = isPublished;
        return ToStored(document, contentHash);
    }

    private StoredWorkflowDefinition ToStored(WorkflowDefinitionDocument document, string? contentHash) => new()
    {
        Id = document.Id!,
        DefinitionId = document.DefinitionId!,
        Version = document.Version,
        IsLatest = document.IsLatest,
        IsPublished = document.IsPublished,
        Name = document.Name,
        CreatedAt = document.CreatedAt ?? time.GetUtcNow(),
        Json = document.ToJsonString(),
        ContentHash = contentHash,
    };

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
