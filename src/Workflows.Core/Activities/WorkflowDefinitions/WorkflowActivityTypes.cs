using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Descriptors;
using Workflows.Core.Persistence;

namespace Workflows.Core.Activities.WorkflowDefinitions;

/// <summary>
/// Workflow definitions published with <c>options.usableAsActivity</c>, as activity types (Elsa's
/// WorkflowDefinitionActivityProvider): every version is kept, by version id, so a parent pinned to an older version
/// still finds it; only the published one shows in Studio's toolbox. A type is found by the name Elsa gives it (the
/// definition's name in PascalCase, <c>"Child"</c>) or by its definition id.
/// </summary>
public sealed class WorkflowActivityTypes
{
    private readonly ConcurrentDictionary<string, ActivityRegistration> _byVersionId = new(StringComparer.Ordinal);

    public IEnumerable<ActivityDescriptor> Descriptors => _byVersionId.Values.Select(r => r.Descriptor);

    /// <summary>
    /// Adds, replaces or (when no longer usable as an activity) removes the registration of one stored version.
    /// Returns true when it is usable as an activity.
    /// </summary>
    public bool Update(StoredWorkflowDefinition definition)
    {
        var document = WorkflowDefinitionDocument.Parse(definition.Json);
        if (!IsUsableAsActivity(document) || document.Root is null)
        {
            _byVersionId.TryRemove(definition.Id, out _);
            return false;
        }
        _byVersionId[definition.Id] = new ActivityRegistration(
            WorkflowActivityDescriber.Describe(definition, document),
            typeof(WorkflowDefinitionActivity),
            [],
            _ => new WorkflowDefinitionActivity()) { WorkflowDefinition = definition };
        return true;
    }

    /// <summary>The registration for a version id, if that version is usable as an activity.</summary>
    public ActivityRegistration? FindVersion(string versionId) => _byVersionId.GetValueOrDefault(versionId);

    /// <summary>
    /// By type name or definition id: the exact version when it exists, else (as Elsa falls back) the published one,
    /// else the latest.
    /// </summary>
    public ActivityRegistration? Find(string typeNameOrDefinitionId, int version)
    {
        var candidates = _byVersionId.Values
            .Where(r => r.Descriptor.TypeName == typeNameOrDefinitionId || r.WorkflowDefinition!.DefinitionId == typeNameOrDefinitionId)
            .ToList();
        if (candidates.Count == 0)
            return null;
        // Two definitions may share a name; the definition id then tells them apart, and the newest wins by name.
        var definitionId = candidates.Any(r => r.WorkflowDefinition!.DefinitionId == typeNameOrDefinitionId)
            ? typeNameOrDefinitionId
            : candidates.MaxBy(r => r.WorkflowDefinition!.CreatedAt)!.WorkflowDefinition!.DefinitionId;
        candidates = candidates.Where(r => r.WorkflowDefinition!.DefinitionId == definitionId).ToList();
        return candidates.FirstOrDefault(r => r.Descriptor.Version == version)
               ?? candidates.Where(r => r.WorkflowDefinition!.IsPublished).MaxBy(r => r.Descriptor.Version)
               ?? candidates.Where(r => r.WorkflowDefinition!.IsLatest).MaxBy(r => r.Descriptor.Version)
               ?? candidates.MaxBy(r => r.Descriptor.Version);
    }

    /// <summary>
    /// The version an activity of a parent definition runs: its <c>workflowDefinitionVersionId</c> when that version is
    /// known, else by type (or <c>workflowDefinitionId</c>) and <c>version</c> with Elsa's fallbacks.
    /// </summary>
    public ActivityRegistration? Resolve(JsonObject activity)
    {
        var type = ActivityJson.GetString(activity, "type") ?? string.Empty;
        var version = activity["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
        var definitionId = ActivityJson.GetString(activity, "workflowDefinitionId");
        if (ActivityJson.GetString(activity, "workflowDefinitionVersionId") is { } versionId && FindVersion(versionId) is { } pinned
            && (definitionId is null || pinned.WorkflowDefinition!.DefinitionId == definitionId))
            return pinned;
        return Find(type, version) ?? (definitionId is null ? null : Find(definitionId, version));
    }

    public static bool IsUsableAsActivity(WorkflowDefinitionDocument document) =>
        document.Json["options"] is JsonObject options && options["usableAsActivity"] is JsonValue flag
        && flag.TryGetValue<bool>(out var usable) && usable;

    /// <summary>Elsa's type name for a definition: its name in PascalCase (words split at spaces and underscores).</summary>
    public static string TypeNameFor(string? name, string definitionId)
    {
        if (string.IsNullOrWhiteSpace(name))
            return definitionId;
        var words = name.Split([' ', '_'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select(Naming.Pascalize));
    }
}
