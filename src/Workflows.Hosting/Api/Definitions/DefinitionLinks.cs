using Workflows.Hosting.Api.Models;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// The links Elsa attaches to definitions. Studio treats a definition without a <c>publish</c> link as read-only, and
/// a list without <c>bulk-publish</c> as read-only, so every editable definition carries them.
/// </summary>
public static class DefinitionLinks
{
    public static IReadOnlyList<Link> ForDefinition(string id, string definitionId, bool isReadonly)
    {
        var definition = "/workflow-definitions/" + Uri.EscapeDataString(definitionId);
        var links = new List<Link>
        {
            new("/workflow-definitions/by-id/" + Uri.EscapeDataString(id), "self", "GET"),
            new("/workflow-definitions?definitionIds=" + Uri.EscapeDataString(definitionId) + "&versionOptions=AllVersions", "versions", "GET"),
            new(definition + "/execute", "execute", "POST"),
            new(definition + "/export", "export", "GET"),
        };
        if (!isReadonly)
        {
            links.Add(new(definition + "/publish", "publish", "POST"));
            links.Add(new(definition + "/retract", "retract", "POST"));
            links.Add(new(definition, "delete", "DELETE"));
            links.Add(new("/workflow-definitions/import", "import", "POST"));
        }
        return links;
    }

    public static IReadOnlyList<Link> ForList() =>
    [
        new("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST"),
        new("/bulk-actions/retract/workflow-definitions/by-definition-ids", "bulk-retract", "POST"),
        new("/bulk-actions/delete/workflow-definitions/by-definition-id", "bulk-delete", "POST"),
        new("/workflow-definitions/import", "import", "POST"),
    ];
}
