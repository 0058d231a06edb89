using Microsoft.Extensions.DependencyInjection;
using Workflows.Hosting.Api;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Triggers.Http;

namespace Workflows.Hosting;

/// <summary>
/// Workflows.Hosting's one registration and its one mapping: <c>services.AddWorkflowsHosting(hosting =&gt; hosting.UseServer(...).UseHttpTriggers(...))</c>,
/// then, after <c>Build()</c>, <c>app.MapWorkflowsHosting()</c>.
/// </summary>
public static class WorkflowsHostingServiceCollectionExtensions
{
    /// <summary>Registers the parts <paramref name="configure"/> takes (see <see cref="WorkflowsHostingBuilder"/>); call once per host.</summary>
    public static IServiceCollection AddWorkflowsHosting(this IServiceCollection services, Action<WorkflowsHostingBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new WorkflowsHostingBuilder(services);
        configure(builder);
        services.AddSingleton(builder.Parts);
        return services;
    }

    /// <summary>
    /// Adds Studio's middleware (security headers, login rate limit, the bundle) and maps the endpoints of the parts
    /// taken: Studio's pages, the Elsa API with the server's run API, the HTTP triggers.
    /// </summary>
    public static WebApplication MapWorkflowsHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var parts = app.Services.GetRequiredService<WorkflowsHostingParts>();
        if (parts.Studio)
            app.MapStudio();
        if (parts.ElsaApi)
        {
            app.MapElsaApi();
            if (parts.Server)
                app.MapWorkflowServer();
        }
        if (parts.HttpTriggers)
            app.MapWorkflowHttpTriggers();
        return app;
    }
}
