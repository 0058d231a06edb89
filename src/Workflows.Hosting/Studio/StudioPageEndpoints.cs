using Workflows.Hosting.Security;

namespace Workflows.Hosting.Studio;

/// <summary>
/// The host pages: definition list, one editor per definition, instance list and viewer, plus the fallback for the
/// <c>&lt;base&gt;workflows/**</c> URLs that Studio pushes into the address bar (contract 1.5).
/// </summary>
public static class StudioPageEndpoints
{
    private const string Root = StudioStaticFiles.RequestPath;

    public static IEndpointRouteBuilder MapStudioPages(this IEndpointRouteBuilder endpoints)
    {
        var pages = endpoints.MapGroup(Root).RequireAuthorization(SecuritySchemes.StudioPolicy);

        pages.MapGet("/", (HttpContext context, StudioBundle bundle) => Page(context, bundle, "Workflow definitions",
            StudioHtml.Element("elsa-workflow-definition-list", ("remote-endpoint", ApiEndpoint(context))),
            // editWorkflowDefinition is an EventCallback<string>, the one kind of parameter a JS function can set.
            Callback("elsa-workflow-definition-list", "editWorkflowDefinition", Root + "/definitions/")));

        pages.MapGet("/definitions/{definitionId}", (string definitionId, HttpContext context, StudioBundle bundle) =>
            Page(context, bundle, definitionId, StudioHtml.Element("elsa-workflow-definition-editor",
                ("definition-id", definitionId), ("remote-endpoint", ApiEndpoint(context)))));

        pages.MapGet("/instances", (HttpContext context, StudioBundle bundle) => Page(context, bundle, "Workflow instances",
            StudioHtml.Element("elsa-workflow-instance-list", ("remote-endpoint", ApiEndpoint(context))),
            Callback("elsa-workflow-instance-list", "viewWorkflowInstance", Root + "/instances/")));

        pages.MapGet("/instances/{instanceId}", (string instanceId, HttpContext context, StudioBundle bundle) =>
            Page(context, bundle, "Instance " + instanceId,
                StudioHtml.Element("elsa-workflow-instance-viewer", ("instance-id", instanceId), ("remote-endpoint", ApiEndpoint(context))),
                Callback("elsa-workflow-instance-viewer", "editWorkflowDefinition", Root + "/definitions/")));

        pages.MapGet("/workflows/{**path}", (string? path) => Results.Redirect(FallbackTarget(path)));
        return endpoints;
    }

    /// <summary>
    /// Where a Studio-internal URL (<c>workflows/definitions/{id}/edit</c>, <c>workflows/instances/{id}/view</c>, ...)
    /// is shown by a host page.
    /// </summary>
    public static string FallbackTarget(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["definitions", var id, ..] => Root + "/definitions/" + Uri.EscapeDataString(id),
            ["instances", var id, ..] => Root + "/instances/" + Uri.EscapeDataString(id),
            ["instances"] => Root + "/instances",
            _ => Root,
        };
    }

    /// <summary>The absolute API URL without a trailing slash; Studio throws on a relative one (contract 1.2).</summary>
    public static string ApiEndpoint(HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/elsa/api";

    private static IResult Page(HttpContext context, StudioBundle bundle, string title, string element, string? script = null)
    {
        if (!bundle.IsInstalled)
            return Results.Content(StudioHtml.BundleMissingPage(bundle), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(StudioHtml.HostPage(bundle, title, element, SecurityHeaders.Nonce(context), script), "text/html; charset=utf-8");
    }

    /// <summary>
    /// Sets an EventCallback property once the element is defined (set earlier, it would shadow the element's own
    /// property) so that choosing an item navigates to the matching host page.
    /// </summary>
    private static string Callback(string elementName, string property, string targetPrefix) =>
        $$"""
        customElements.whenDefined({{StudioHtml.JsString(elementName)}}).then(() => {
          const element = document.querySelector({{StudioHtml.JsString(elementName)}});
          element.{{property}} = id => { window.location.href = {{StudioHtml.JsString(targetPrefix)}} + encodeURIComponent(id); };
        });
        """;
}
