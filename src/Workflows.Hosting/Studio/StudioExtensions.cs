using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workflows.Hosting.Security;

namespace Workflows.Hosting.Studio;

/// <summary>Hosting Elsa Studio: the bundle under <c>/studio</c>, the host pages and the login page.</summary>
internal static class StudioExtensions
{
    /// <summary>Registers the bundle location (<c>Studio:BundlePath</c>) and the API-key/cookie security.</summary>
    public static IServiceCollection AddStudio(this IServiceCollection services, IConfiguration configuration, StudioSecurityOptions security)
    {
        var options = new StudioOptions(configuration.GetSection(StudioOptions.Section)[nameof(StudioOptions.BundlePath)]);
        services.AddSingleton(options);
        services.AddSingleton(sp => StudioBundle.Locate(
            options, sp.GetRequiredService<IHostEnvironment>().ContentRootPath, AppContext.BaseDirectory));
        services.AddStudioSecurity(security);
        return services;
    }

    /// <summary>
    /// Adds the security headers and the login rate limit to the pipeline, serves the bundle and maps the host and
    /// login pages. Call after <c>Build()</c>, before mapping other endpoints.
    /// </summary>
    public static WebApplication MapStudio(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseStudioLoginRateLimit();
        app.UseStudioBundle(app.Services.GetRequiredService<StudioBundle>());
        app.MapStudioLogin();
        app.MapStudioPages();
        return app;
    }
}
