
namespace Workflows.Hosting.Triggers.Http;

/// <summary>The answer to "which endpoint takes this request": one route, a path without that method, or nothing.</summary>
public sealed record HttpRouteMatch(HttpEndpointRoute? Route, RouteValueDictionary? Values, IReadOnlyCollection<string> AllowedMethods)
{
    public static HttpRouteMatch NotFound { get; } = new(null, null, []);

    public bool PathMatched => AllowedMethods.Count > 0;
}
