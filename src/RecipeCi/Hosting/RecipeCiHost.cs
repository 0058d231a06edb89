using Microsoft.Extensions.Hosting;
using RecipeCi.Cli;
using RecipeCi.Configuration;
using Recipes.Ci.Activities;
using Workflows.Persistence.DependencyInjection;

namespace RecipeCi.Hosting;

/// <summary>
/// The one composition of recipeci. <c>serve</c> (a <see cref="WebApplicationBuilder"/>) and the CLI commands (a
/// <see cref="HostApplicationBuilder"/> from <see cref="CreateCommandBuilder"/>) build their services the same way:
/// <see cref="AddRecipeCiSettings"/> registers the configuration as options validated on start, and
/// <see cref="AddRecipeCiDomain"/> adds the workflow store and Recipes.Ci (<c>AddRecipesCi</c>: the Recipes.* activities,
/// registered once, their domain services and the warm dependencies), each project through its one registration. A command then starts, through its host,
/// only the hosted services it needs (<see cref="CommandServices"/>).
/// </summary>
public static class RecipeCiHost
{
    /// <summary>A host builder for a CLI command: configuration in serve's order (<see cref="CliConfiguration"/>), no console lifetime.</summary>
    public static HostApplicationBuilder CreateCommandBuilder(IReadOnlyList<string> configurationArgs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() });
        CliConfiguration.AddSources(builder.Configuration, configurationArgs);
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        return builder;
    }

    /// <summary>
    /// Registers the settings sections (and <paramref name="moreSections"/>, e.g. serve's proxy and JavaScript
    /// sections) as options validated on start, and validates them now, all at once, because the composition needs
    /// their values; throws <see cref="ConfigurationException"/> naming every problem.
    /// </summary>
    public static ValidatedSettings AddRecipeCiSettings(this IHostApplicationBuilder builder, Action<IServiceCollection>? moreSections = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        void Register(IServiceCollection services)
        {
            services.AddRecipeCiSettings(builder.Configuration);
            moreSections?.Invoke(services);
        }
        var settings = ValidatedSettings.Validate(Register);
        Register(builder.Services);
        return settings;
    }

    /// <summary>
    /// The domain: the engine's store of the configured database when <paramref name="withInstances"/>, the Recipes.*
    /// activities and their services, the warm dependencies and tenants, and the parts of Recipes.Ci that only
    /// <paramref name="more"/> takes (the server's forge, webhook gate and instance-store liveness).
    /// </summary>
    public static IHostApplicationBuilder AddRecipeCiDomain(this IHostApplicationBuilder builder, RecipeCiSettings settings, bool withInstances,
        Action<RecipesCiBuilder>? more = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (withInstances)
            builder.Services.AddWorkflowPersistence(settings.Persistence);
        builder.Services.AddRecipesCi(RecipeCiOptionsFactory.From(settings, builder.Configuration), ci =>
        {
            ci.UseWarmDependencies(settings.Warm, settings.Tenants, settings.Alerts);
            more?.Invoke(ci);
        });
        return builder;
    }
}
