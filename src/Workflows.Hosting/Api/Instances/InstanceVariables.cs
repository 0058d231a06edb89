using System.Text.Json.Nodes;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// The engine keeps an instance's variables by name; Elsa's <c>ResolvedVariable</c> also carries the id the
/// definition declared, which Studio matches against the definition's variables.
/// </summary>
public static class InstanceVariables
{
    /// <summary>Variable name to declared id for the definition version the instance is pinned to.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> DeclaredIdsAsync(
        IWorkflowDefinitionStore definitions, string definitionVersionId, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (await definitions.FindByIdAsync(definitionVersionId, cancellationToken) is not { } definition)
            return ids;
        if (WorkflowJson.Parse(definition.Json) is not JsonObject document || document["variables"] is not JsonArray variables)
            return ids;
        foreach (var variable in variables.OfType<JsonObject>())
        {
            if (ActivityJson.GetString(variable, "name") is { Length: > 0 } name && ActivityJson.GetString(variable, "id") is { Length: > 0 } id)
                ids.TryAdd(name, id);
        }
        return ids;
    }
}
