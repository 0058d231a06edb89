using System.Text;
using System.Text.RegularExpressions;
using Workflows.Core.Management;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>GET /workflow-definitions/{definitionId}/export</c> (a JSON file download of one version) and
/// <c>POST /workflow-definitions/import</c> (a bare definition model, saved as the latest draft so that importing
/// never publishes behind the user's back).
/// </summary>
public static partial class ExportImportEndpoints
{
    public static IEndpointRouteBuilder MapExportImport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/workflow-definitions/{definitionId}/export",
            async (string definitionId, string? versionOptions, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                if (!VersionOptions.TryParse(versionOptions, VersionOptions.Latest, out var options))
                    return ElsaJson.BadRequest($"'{versionOptions}' is not a version option.");
                var found = await definitions.FindAsync(definitionId, options.ToSelector(), cancellationToken);
                if (found is null)
                    return ElsaJson.NotFound($"Workflow definition '{definitionId}' has no {options.Kind} version.");
                var document = DefinitionViews.ToDefinition(found);
                document.Remove("links");
                var bytes = Encoding.UTF8.GetBytes(document.ToJsonString(Core.Definitions.WorkflowJson.IndentedOptions));
                return Results.File(bytes, "application/json", FileName(found.Name, definitionId));
            });

        api.MapPost("/workflow-definitions/import", async (HttpRequest request, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
        {
            var (body, error) = await DefinitionRequests.ReadObjectAsync(request, cancellationToken);
            if (body is null)
                return ElsaJson.BadRequest(error!);
            var (document, modelError) = DefinitionRequests.ToDocument(body);
            if (document is null)
                return ElsaJson.BadRequest(modelError!);
            var saved = await definitions.SaveAsync(document, publish: false, cancellationToken);
            return ElsaJson.Ok(DefinitionViews.ToDefinition(saved));
        });
        return api;
    }

    /// <summary>A safe download name: the definition's name (or id) reduced to file-name characters.</summary>
    public static string FileName(string? name, string definitionId)
    {
        var stem = UnsafeFileNameCharacters().Replace(string.IsNullOrWhiteSpace(name) ? definitionId : name.Trim(), "-").Trim('-');
        return (stem.Length == 0 ? "workflow" : stem) + ".json";
    }

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeFileNameCharacters();
}
