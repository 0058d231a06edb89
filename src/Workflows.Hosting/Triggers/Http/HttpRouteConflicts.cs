using System.Text.Json.Nodes;
using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Refuses to publish an HttpEndpoint whose path is reserved for another workflow (the CI webhook's <c>ci</c>) or is
/// the same route as an endpoint another published workflow already serves with one of the same methods; the
/// message names both workflows. Without it, the second one would silently shadow the first (or be shadowed).
/// </summary>
public sealed class HttpRouteConflicts(ITriggerStore triggers, HttpTriggerOptions options) : IPublishCheck
{
    public async Task<IReadOnlyList<ValidationProblem>> CheckAsync(StoredWorkflowDefinition definition, IReadOnlyList<TriggerRecord> indexed,
        CancellationToken cancellationToken)
    {
        var mine = Endpoints(indexed).ToList();
        if (mine.Count == 0)
            return [];
        var name = $"'{definition.Name ?? definition.DefinitionId}' ({definition.DefinitionId})";
        var others = Endpoints(await triggers.FindAsync(new TriggerFilter { Name = HttpEndpointCatalog.TriggerName }, cancellationToken))
            .Where(e => e.DefinitionId != definition.DefinitionId)
            .ToList();
        var problems = new List<ValidationProblem>();
        foreach (var endpoint in mine)
        {
            string shape;
            try
            {
                shape = HttpRouteTemplates.Shape(endpoint.Path);
            }
            catch (ArgumentException e)
            {
                problems.Add(new ValidationProblem(definition.DefinitionId, endpoint.ActivityId, $"HTTP endpoint path '{endpoint.Path}' is not a valid route template: {e.Message}"));
                continue;
            }
            if (options.ReservedPaths.FirstOrDefault(r => r.OwnerDefinitionId != definition.DefinitionId && HttpRouteTemplates.Shape(r.Path) == shape)
                is { } reserved)
            {
                problems.Add(new ValidationProblem(definition.DefinitionId, endpoint.ActivityId,
                    $"HTTP endpoint path '{endpoint.Path}' of workflow {name} is reserved for {reserved.Purpose} (workflow '{reserved.OwnerDefinitionId}'); choose another path."));
                continue;
            }
            foreach (var other in others.Where(o => SameShape(o.Path, shape) && o.Methods.Overlaps(endpoint.Methods)))
                problems.Add(new ValidationProblem(definition.DefinitionId, endpoint.ActivityId,
                    $"HTTP endpoint path '{endpoint.Path}' ({string.Join(", ", endpoint.Methods.Intersect(other.Methods).Order())}) of workflow {name} " +
                    $"is the same route as '{other.Path}' of published workflow '{other.DefinitionId}' (activity {other.ActivityId}); change one of the paths or retract '{other.DefinitionId}'."));
        }
        return problems.DistinctBy(p => p.Reason).ToList();
    }

    private static bool SameShape(string path, string shape)
    {
        try
        {
            return HttpRouteTemplates.Shape(path) == shape;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed record Endpoint(string DefinitionId, string ActivityId, string Path, HashSet<string> Methods);

    /// <summary>One entry per endpoint activity (the indexer writes one trigger per method).</summary>
    private static IEnumerable<Endpoint> Endpoints(IEnumerable<TriggerRecord> records) => records
        .Where(r => r.Name == HttpEndpointCatalog.TriggerName)
        .GroupBy(r => (r.WorkflowDefinitionId, r.ActivityId))
        .Select(g =>
        {
            var payload = JsonNode.Parse(g.First().PayloadJson) as JsonObject;
            var methods = (payload?["methods"] as JsonArray ?? [])
                .Select(m => m?.GetValue<string>().ToUpperInvariant())
                .Where(m => !string.IsNullOrEmpty(m))
                .Select(m => m!)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (methods.Count == 0)
                methods.Add("GET");
            return new Endpoint(g.Key.WorkflowDefinitionId, g.Key.ActivityId, (payload?["path"]?.GetValue<string>() ?? string.Empty).Trim('/'), methods);
        });
}
