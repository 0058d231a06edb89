using System.Collections.Concurrent;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Reads an endpoint's settings from its definition version. The trigger payload holds only path and methods, so the
/// node is read from the definition; published versions never change, so the result is cached per version.
/// </summary>
public sealed class HttpEndpointSettingsReader(IWorkflowDefinitionStore definitions)
{
    private readonly ConcurrentDictionary<(string VersionId, string ActivityId), HttpEndpointSettings> _cache = new();

    public Task<HttpEndpointSettings> ReadAsync(HttpEndpointRoute route, CancellationToken cancellationToken) =>
        ReadAsync(route.DefinitionVersionId, route.ActivityId, cancellationToken);

    /// <summary>The settings of HttpEndpoint <paramref name="activityId"/> of a definition version (a trigger or a mid-flow endpoint).</summary>
    public async Task<HttpEndpointSettings> ReadAsync(string definitionVersionId, string activityId, CancellationToken cancellationToken)
    {
        var route = (DefinitionVersionId: definitionVersionId, ActivityId: activityId);
        var key = (route.DefinitionVersionId, route.ActivityId);
        if (_cache.TryGetValue(key, out var cached))
            return cached;
        var definition = await definitions.FindByIdAsync(route.DefinitionVersionId, cancellationToken)
                         ?? throw new KeyNotFoundException($"Workflow definition version '{route.DefinitionVersionId}' was not found.");
        var model = WorkflowModel.Compile(WorkflowDefinitionDocument.Parse(definition.Json));
        var node = model.Nodes.FirstOrDefault(n => n.Id == route.ActivityId)
                   ?? throw new KeyNotFoundException($"Activity '{route.ActivityId}' is not in workflow definition version '{route.DefinitionVersionId}'.");
        var settings = new HttpEndpointSettings(
            LiteralInputs.Get<bool>(node, "Authorize"),
            LiteralInputs.Get<string>(node, "Policy") is { Length: > 0 } policy ? policy.Trim() : null,
            LiteralInputs.Get<long?>(node, "RequestSizeLimit") is > 0 and var limit ? limit : null);
        return _cache.GetOrAdd(key, settings);
    }
}
