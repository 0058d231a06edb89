using Workflows.Core.Definitions;
using Workflows.Core.Management;

namespace Workflows.Hosting.Api.Descriptors;

/// <summary>
/// <c>POST /scripting/javascript/type-definitions/{definitionId}</c>: TypeScript declarations for Monaco's completion
/// in JavaScript inputs, as plain text (Studio reads the body as a string).
/// </summary>
public static class ScriptingEndpoints
{
    public static IEndpointRouteBuilder MapScripting(this IEndpointRouteBuilder api)
    {
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}",
            async (string definitionId, WorkflowDefinitionService definitions, CancellationToken cancellationToken) =>
            {
                var latest = await definitions.FindAsync(definitionId, VersionSelector.Latest, cancellationToken);
                var document = latest is null ? null : WorkflowDefinitionDocument.Parse(latest.Json);
                return Results.Text(JavaScriptTypeDefinitions.Build(document), "text/plain");
            });
        return api;
    }
}
