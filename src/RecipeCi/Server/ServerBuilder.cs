using RecipeCi.Configuration;
using RecipeCi.Health;
using RecipeCi.Logging;
using Recipes.Swarm.Docker;
using Serilog;
using Workflows.Hosting.Bus;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Server;

/// <summary>The composition root of <c>recipeci serve</c>.</summary>
public static class ServerBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the web application; throws <see cref="ConfigurationException"/> on bad configuration.</summary>
    public static WebApplication Build(string[] configurationArgs, string logFormat)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddEnvironmentVariables("RECIPECI_");
        builder.Configuration.AddCommandLine(configurationArgs);

        var settings = new SettingsReader(builder.Configuration).Read();
        Directory.CreateDirectory(settings.DataDir);

        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Host.UseSerilog((context, logger) => SerilogSetup.Configure(logger, context.Configuration, logFormat));

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Persistence);
        builder.Services.AddSingleton(settings.Bus);
        builder.Services.AddSingleton(settings.Docker);
        builder.Services.AddSingleton(settings.Paths);
        builder.Services.AddSingleton(settings.Ci);
        builder.Services.AddSingleton<DatabaseProbe>();
        builder.Services.AddSingleton<BusProbe>();
        builder.Services.AddSingleton<DockerClientFactory>();
        builder.Services.AddRecipeCiHealth();

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.MapRecipeCiHealth();
        return app;
    }
}
