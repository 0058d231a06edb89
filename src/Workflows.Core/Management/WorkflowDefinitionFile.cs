using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Management;

/// <summary>
/// A definition as a file in <c>workflows/</c>: the Elsa 3 JSON the import reads, named <c>&lt;definitionId&gt;.json</c>.
/// Two files have the same content when they differ only in the per-version identity (id, version, flags, dates).
/// </summary>
public static partial class WorkflowDefinitionFile
{
    private static readonly string[] VersionKeys = ["id", "version", "isLatest", "isPublished", "createdAt", "links"];

    /// <summary>The stored version as indented Elsa JSON, with the store's identity and flags.</summary>
    public static string ToJson(StoredWorkflowDefinition stored) => ToDocument(stored).ToJsonString(indented: true) + "\n";

    /// <summary>
    /// The stored version as a normalised document whose identity and flags come from the store's columns, which are
    /// authoritative (a publish flips them on other versions without rewriting their JSON).
    /// </summary>
    public static WorkflowDefinitionDocument ToDocument(StoredWorkflowDefinition stored)
    {
        var document = WorkflowDefinitionDocument.Parse(stored.Json);
        document.Id = stored.Id;
        document.DefinitionId = stored.DefinitionId;
        document.Version = stored.Version;
        document.IsLatest = stored.IsLatest;
        document.IsPublished = stored.IsPublished;
        document.CreatedAt = stored.CreatedAt;
        document.Normalize();
        return document;
    }

    /// <summary><c>&lt;definitionId&gt;.json</c>; throws naming the id when it cannot be a file name as it is.</summary>
    public static string FileName(string definitionId) =>
        SafeDefinitionId().IsMatch(definitionId)
            ? definitionId + ".json"
            : throw new ArgumentException(
                $"Definition id '{definitionId}' cannot be used as a file name; it may only have letters, digits, '.', '_' and '-' (and not start with '.').",
                nameof(definitionId));

    /// <summary>True when both documents define the same workflow: equal after normalizing and ignoring version identity.</summary>
    public static bool SameContent(WorkflowDefinitionDocument a, WorkflowDefinitionDocument b) =>
        JsonNode.DeepEquals(Content(a), Content(b));

    private static JsonObject Content(WorkflowDefinitionDocument document)
    {
        var copy = document.Clone();
        copy.Normalize();
        foreach (var key in VersionKeys)
            copy.Json.Remove(key);
        return copy.Json;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}\z")]
    private static partial Regex SafeDefinitionId();
}
