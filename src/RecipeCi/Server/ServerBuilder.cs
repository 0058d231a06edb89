using RecipeCi.Cli;
using RecipeCi.Configuration;
using Recipes.Ci.Activities;
using Recipes.Ci.Forge;
using Recipes.Ci.Warm;
using RecipeCi.Health;
using RecipeCi.Logging;
using RecipeCi.Observability;
using RecipeCi.RunPages;
using RecipeCi.Webhooks;
using Recipes.Ci.Webhooks;
using Recipes.Swarm.Docker;
using Serilog;
using Workflows.Hosting.Api;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Security;
using Workflows.Hosting.Triggers;
using Workflows.Hosting.Triggers.Http;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Hosting.Studio;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;

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
        var proxy = new ProxySettingsReader(builder.Configuration).Read();
        DataDirectory.Secure(settings.DataDir);
        SqliteFileModes.Secure(settings.Persistence);

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
        builder.Services.AddWorkflowPersistence(settings.Persistence);
        builder.Services.AddRecipeCi(CanonicalServices.OptionsFrom(settings, builder.Configuration), instanceStoreLiveness: true);
        builder.Services.AddSingleton<ExternalNetworksAtStart>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExternalNetworksAtStart>());
        builder.Services.AddWarmDependencies(settings.Warm, settings.Tenants, settings.Alerts);
        builder.Services.AddForge(new ForgeSettingsReader(builder.Configuration).Read());
        builder.Services.AddWorkflowServer(settings.Runtime, settings.Bus, settings.Persistence);
        var triggerProblems = new List<string>();
        var triggers = new TriggerSettingsReader(builder.Configuration, triggerProblems).Read(settings.Persistence, settings.Runtime.NodeId);
        builder.Services.AddSingleton(new JavaScriptSettingsReader(builder.Configuration, triggerProblems).Read());
        if (triggerProblems.Count > 0) throw new ConfigurationException(triggerProblems);
        builder.Services.AddWorkflowScheduling(triggers.Scheduler);
        builder.Services.AddWorkflowHttpTriggers(triggers.Http with { ReservedPaths = [CiWebhookExtensions.ReservedPath] });
        builder.Services.AddCiWebhook(new WebhookOptions(settings.Ci.WebhookSecret, WebhookOptions.DefaultRetention));
        builder.Services.AddStudio(builder.Configuration,
            new StudioSecurityOptions(settings.Ci.ApiKey, "Ci:ApiKey (environment RECIPECI_Ci__ApiKey)"));
        builder.Services.AddElsaApi();
        builder.Services.AddSingleton<RunPageReader>();
        builder.Services.AddRecipeCiTelemetry(builder.Configuration, settings.Runtime.NodeId);
        builder.Services.AddProxySupport(proxy);

        var app = builder.Build();
        app.UseProxySupport(proxy);
        app.UseSerilogRequestLogging();
        app.UseJsonErrors();
        app.MapRecipeCiHealth();
        app.MapRecipeCiMetrics();
        app.MapStudio();
        app.MapElsaApi();
        app.MapWorkflowServer();
        app.MapWorkflowHttpTriggers();
        app.MapRunPages();
        return app;
    }
}
