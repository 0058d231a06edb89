using Workflows.Hosting.Api.Bookmarks;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Api.Instances;

/// <summary>The run API under <c>/elsa/api</c>, behind the same API-key-or-session policy as the rest of the Elsa API.</summary>
public static class RunApiEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowRunApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ElsaApiExtensions.BasePath)
            .RequireAuthorization(SecuritySchemes.ElsaApiPolicy)
            .AddEndpointFilter<SameOriginFilter>();
        api.MapStartEndpoints();
        api.MapInstanceEndpoints();
        api.MapJournalEndpoints();
        api.MapActivityExecutionEndpoints();
        api.MapRetryEndpoints();
        api.MapBookmarkResumeEndpoints();
        return api;
    }
}
