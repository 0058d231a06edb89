using Microsoft.AspNetCore.Routing.Template;

namespace Workflows.Hosting.Triggers.Http;

/// <summary>One published HttpEndpoint trigger: its path template (e.g. <c>orders/{id}</c>) and accepted methods.</summary>
public sealed record HttpEndpointRoute(
    string DefinitionId,
    string DefinitionVersionId,
    string ActivityId,
    string Path,
    IReadOnlySet<string> Methods,
    TemplateMatcher Matcher)
{
    /// <summary>Route parameters make a template less specific than literals: <c>orders/new</c> wins over <c>orders/{id}</c>.</summary>
    public int ParameterCount => Matcher.Template.Parameters.Count;
}
