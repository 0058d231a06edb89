using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Recipes.Ci.Runs;
using Workflows.Hosting.Security;

namespace RecipeCi.RunPages;

/// <summary>
/// <c>GET /runs</c> (the run list), <c>GET /runs/{runId}</c> (one run's page), <c>GET /runs/{runId}.json</c> (the
/// same as JSON) and <c>GET /runs/{runId}.xml</c> (its JUnit report, what <c>recipeci runs show --report</c> prints). A run's page opens with its link's token (<c>?t=</c>), the admin key or a Studio session; anything
/// else gets 404, as if the run did not exist. The list needs the admin key or session. <c>Ci:PublicRunPages=true</c>
/// opens everything.
/// </summary>
public static class RunPageEndpoints
{
    private const string JsonSuffix = ".json";
    private const string ReportSuffix = ".xml";

    /// <summary>The pages' answers allow nothing but their own stylesheet: no script, no frames, no forms.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    public static IEndpointRouteBuilder MapRunPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/run-pages.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(RunPageStyles.Css, "text/css; charset=utf-8");
        });
        app.MapGet("/runs", ListAsync);
        app.MapGet("/runs/{runId}", RunAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, RunPageReader reader, RunPageLinks links, IAuthorizationService auth, CancellationToken ct)
    {
        Harden(http);
        if (!links.Public && !await IsAdminAsync(http, auth))
            return Results.Text("401: the run list needs the admin key (sign in to Studio at /studio) or Ci:PublicRunPages=true; "
                                + "a single run opens with the link recipeci gave for it.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
        var recipe = http.Request.Query["recipe"].ToString() is { Length: > 0 } r ? r : null;
        var runs = await reader.ListAsync(recipe, 100, ct);
        var items = runs.Select(run => (run, (string?)links.PageUrl(run.RunId))).ToList();
        return Results.Content(RunPageHtml.RenderList(items), "text/html; charset=utf-8");
    }

    private static async Task<IResult> RunAsync(string runId, HttpContext http, RunPageReader reader, RunPageLinks links, IAuthorizationService auth, CancellationToken ct)
    {
        Harden(http);
        var json = runId.EndsWith(JsonSuffix, StringComparison.Ordinal);
        var report = runId.EndsWith(ReportSuffix, StringComparison.Ordinal);
        if (json || report)
            runId = runId[..^(json ? JsonSuffix : ReportSuffix).Length];
        var token = http.Request.Query[RunPageLinks.TokenParameter].ToString();
        var allowed = links.Public || links.Verify(runId, token) || await IsAdminAsync(http, auth);
        var known = allowed && Recipes.Ci.Catalog.RunId.TryParse(runId, out _);
        if (report)
            return known && await reader.ReadReportAsync(runId, ct) is { } xml
                ? Results.Text(xml, "application/xml; charset=utf-8")
                : Results.Text($"404: run '{runId}' has no JUnit report here (yet), or the link's token (?t=) does not open it.\n", "text/plain; charset=utf-8",
                    statusCode: StatusCodes.Status404NotFound);
        var view = known ? await reader.ReadAsync(runId, ct) : null;
        if (view is null)
            return json
                ? Results.Json(new { error = "not-found", message = $"No run '{runId}' here, or the link's token does not open it." }, Json, statusCode: StatusCodes.Status404NotFound)
                : Results.Text($"404: no run '{runId}' here, or the link's token (?t=) does not open it.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        return json ? Results.Json(view, Json) : Results.Content(RunPageHtml.Render(view), "text/html; charset=utf-8");
    }

    private static async Task<bool> IsAdminAsync(HttpContext http, IAuthorizationService auth) =>
        (await auth.AuthorizeAsync(http.User, SecuritySchemes.ElsaApiPolicy)).Succeeded;

    // Token links must not leak through caches or the Referer header.
    private static void Harden(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }
}
