using Microsoft.AspNetCore.Routing.Template;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>Comparing HttpEndpoint path templates: which two are the same route, and which wins a request.</summary>
public static class HttpRouteTemplates
{
    /// <summary>
    /// The template with parameter names and constraints erased, literals lower-cased: <c>orders/{id}</c> and
    /// <c>Orders/{key:int}</c> both give <c>orders/{}</c>, so they collide.
    /// </summary>
    public static string Shape(string path)
    {
        var template = TemplateParser.Parse(path.Trim('/'));
        return string.Join('/', template.Segments.Select(segment => string.Concat(segment.Parts.Select(part =>
            part.IsLiteral ? part.Text!.ToLowerInvariant()
            : part.IsCatchAll ? "{**}"
            : part.IsOptional ? "{?}"
            : "{}"))));
    }

    /// <summary>
    /// ASP.NET Core's inbound precedence: literals before parameters before catch-alls, segment by segment (lower
    /// matches first), so <c>{**rest}</c> never takes a request a more specific endpoint matches.
    /// </summary>
    public static decimal Precedence(RouteTemplate template) => RoutePrecedence.ComputeInbound(template);
}
