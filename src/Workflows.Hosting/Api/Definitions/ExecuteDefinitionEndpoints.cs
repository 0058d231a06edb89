
namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// <c>POST /workflow-definitions/{definitionId}/execute</c> (Studio's Run button). Starting runs from Studio needs the
/// workflow runtime service, which is not wired into the server yet; until then the answer is the header Studio
/// understands as "the workflow cannot be started" (contract 3.2), so Run shows that message instead of failing.
/// </summary>
public static class ExecuteDefinitionEndpoints
{
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    public static IEndpointRouteBuilder MapExecuteDefinition(this IEndpointRouteBuilder api)
    {
        api.MapPost("/workflow-definitions/{definitionId}/execute", (string definitionId, HttpResponse response) =>
        {
            response.Headers[CannotStartHeader] = "true";
            return ElsaJson.Ok(new { definitionId, message = "Starting workflows from Studio is not available on this server yet." });
        });
        return api;
    }
}
