using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Activities.BuiltIn;
using Workflows.Core.Management;

namespace Workflows.Hosting.Triggers.Http;

internal static class HttpTriggerExtensions
{
    /// <summary>
    /// Registers the HTTP endpoint trigger and the server's <see cref="IHttpResponseSink"/>. Authorization policies an
    /// endpoint may name are registered by whoever defines them (<c>AddAuthorizationBuilder().AddPolicy(...)</c>).
    /// </summary>
    public static IServiceCollection AddWorkflowHttpTriggers(this IServiceCollection services, HttpTriggerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddAuthorization();
        services.AddSingleton<HttpEndpointCatalog>();
        services.AddSingleton<IPublishCheck, HttpRouteConflicts>();
        services.AddSingleton<HttpEndpointSettingsReader>();
        services.AddSingleton<HttpEndpointAuthorizer>();
        services.AddSingleton<HttpResponseSinkRouter>();
        services.AddSingleton<IHttpResponseSink>(sp => sp.GetRequiredService<HttpResponseSinkRouter>());
        services.AddSingleton<HttpBookmarkFinder>();
        services.AddSingleton<HttpWorkflowRequestHandler>();
        return services;
    }

    /// <summary>Maps <c>{BasePath}/{**path}</c> for every method; JSON errors for 404, 405, 413 and 401.</summary>
    public static IEndpointRouteBuilder MapWorkflowHttpTriggers(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<HttpTriggerOptions>();
        endpoints.Map(options.BasePath.TrimEnd('/') + "/{**path}", (HttpContext context, string? path, HttpWorkflowRequestHandler handler) =>
                handler.HandleAsync(context, path))
            .WithDisplayName("Workflow HTTP endpoints");
        return endpoints;
    }
}
