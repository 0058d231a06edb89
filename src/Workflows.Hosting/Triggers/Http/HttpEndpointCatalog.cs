using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Template;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// Finds the HttpEndpoint trigger for a request. Triggers are read from the store on every request, so a publish or
/// retract on any node takes effect at once; parsed templates are cached by path. The most specific template wins
/// (ASP.NET Core's precedence: literal, then parameter, then catch-all), and reserved paths go to their owner only.
/// </summary>
public sealed class HttpEndpointCatalog(ITriggerStore triggers, HttpTriggerOptions options)
{
    public const string TriggerName = "Elsa.HttpEndpoint";

    private readonly ConcurrentDictionary<string, TemplateMatcher> _matchers = new(StringComparer.Ordinal);

    public async Task<HttpRouteMatch> MatchAsync(string path, string method, CancellationToken cancellationToken)
    {
        var routes = await ListAsync(cancellationToken);
        var requestPath = "/" + path.Trim('/');
        // A reserved path (the CI webhook) is answered by its owner only, never by another workflow's {id} or {**rest}.
        var owner = options.ReservedPaths.FirstOrDefault(r => string.Equals(r.Path.Trim('/'), path.Trim('/'), StringComparison.OrdinalIgnoreCase))
            ?.OwnerDefinitionId;
        var matched = new List<(HttpEndpointRoute Route, RouteValueDictionary Values)>();
        foreach (var route in routes.OrderBy(r => HttpRouteTemplates.Precedence(r.Matcher.Template)).ThenBy(r => r.DefinitionId, StringComparer.Ordinal))
        {
            if (owner is not null && route.DefinitionId != owner)
                continue;
            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(requestPath, values))
                matched.Add((route, values));
        }
        if (matched.Count == 0)
            return HttpRouteMatch.NotFound;

        var allowed = matched.SelectMany(m => m.Route.Methods).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hit = matched.FirstOrDefault(m => m.Route.Methods.Contains(method));
        return hit.Route is null
            ? new HttpRouteMatch(null, null, allowed)
            : new HttpRouteMatch(hit.Route, hit.Values, allowed);
    }

    private async Task<IReadOnlyList<HttpEndpointRoute>> ListAsync(CancellationToken cancellationToken)
    {
        // The indexer writes one record per method; fold them back into one route per activity.
        var records = await triggers.FindAsync(new TriggerFilter { Name = TriggerName }, cancellationToken);
        return records
            .GroupBy(r => (r.WorkflowDefinitionVersionId, r.ActivityId))
            .Select(g => ToRoute(g.First()))
            .Where(r => r is not null)
            .Select(r => r!)
            .ToList();
    }

    private HttpEndpointRoute? ToRoute(TriggerRecord record)
    {
        if (JsonNode.Parse(record.PayloadJson) is not JsonObject payload)
            return null;
        var path = (payload["path"]?.GetValue<string>() ?? string.Empty).Trim('/');
        var methods = (payload["methods"] as JsonArray ?? [])
            .Select(m => m?.GetValue<string>().ToUpperInvariant())
            .Where(m => !string.IsNullOrEmpty(m))
            .Select(m => m!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (methods.Count == 0)
            methods.Add("GET");
        var matcher = _matchers.GetOrAdd(path, p => new TemplateMatcher(TemplateParser.Parse(p), new RouteValueDictionary()));
        return new HttpEndpointRoute(record.WorkflowDefinitionId, record.WorkflowDefinitionVersionId, record.ActivityId, path, methods, matcher);
    }
}
