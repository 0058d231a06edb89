using RecipeCi.Hosting;
using RecipeCi.Configuration;
using Recipes.Ci.Forge;
using RecipeCi.Health;
using RecipeCi.Logging;
using RecipeCi.Observability;
using RecipeCi.RunPages;
using RecipeCi.Webhooks;
using Recipes.Ci.Webhooks;
using Recipes.Swarm.Docker;
using Serilog;
using Workflows.Hosting;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Security;
using Workflows.Hosting.Triggers;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Server;

/// <summary>
/// <c>recipeci serve</c>: the composition shared with the CLI (<see cref="RecipeCiHost"/>: settings as options
/// validated on start, the domain) plus what only the server has: Kestrel, the engine's server, triggers, Studio,
/// the APIs and the run pages.
/// </summary>
public static class ServerBuilder
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Builds the web application; throws <see cref="ConfigurationException"/> on bad configuration.</summary>
    public static WebApplication Build(string[] configurationArgs, string logFormat)
    {
        var timeline = new StartTimeline(TimeProvider.System);
        timeline.Note("serve entered");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddEnvironmentVariables("RECIPECI_");
        builder.Configuration.AddCommandLine(configurationArgs);

        var validated = builder.AddRecipeCiSettings(sections => sections
            .AddConfiguredSection(problems => new ForgeSettingsReader(builder.Configuration).Read(problems))
            .AddConfiguredSection(problems => new ProxySettingsReader(builder.Configuration).Read(problems))
            .AddConfiguredSection(problems => new JavaScriptSettingsReader(builder.Configuration, problems).Read()));
        var settings = validated.RecipeCi;
        timeline.Note("configuration read and validated");
        var proxy = validated.Get<ProxySettings>();
        DataDirectory.Secure(settings.DataDir);
        SqliteFileModes.Secure(settings.Persistence);

        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.Host.UseSerilog((context, logger) => SerilogSetup.Configure(logger, context.Configuration, logFormat));

        builder.Services.AddSingleton<DatabaseProbe>();
        builder.Services.AddSingleton<BusProbe>();
        builder.Services.AddSingleton<DockerClientFactory>();
        builder.Services.AddRecipeCiHealth();
        builder.AddRecipeCiDomain(settings, withInstances: true, ci => ci
            .UseInstanceStoreLiveness()
            .UseForge(validated.Get<ForgeOptions>())
            .UseWebhookGate(new WebhookOptions(settings.Ci.WebhookSecret, WebhookOptions.DefaultRetention)));
        builder.Services.AddSingleton<ExternalNetworksAtStart>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExternalNetworksAtStart>());
        // The trigger settings take the validated database and node id, so they are read once those passed.
        var triggerProblems = new List<string>();
        var triggers = new TriggerSettingsReader(builder.Configuration, triggerProblems).Read(settings.Persistence, settings.Runtime.NodeId);
        if (triggerProblems.Count > 0) throw new ConfigurationException(triggerProblems);
        builder.Services.AddWorkflowsHosting(hosting => hosting
            .UseServer(settings.Runtime, settings.Bus, settings.Persistence)
            .UseScheduling(triggers.Scheduler)
            .UseHttpTriggers(triggers.Http with { ReservedPaths = [CiWebhookExtensions.ReservedPath] })
            .UseStudio(builder.Configuration, new StudioSecurityOptions(settings.Ci.ApiKey, "Ci:ApiKey (environment RECIPECI_Ci__ApiKey)"))
            .UseElsaApi());
        builder.Services.AddCiWebhookAuthorization();
        builder.Services.AddSingleton<RunPageReader>();
        builder.Services.AddRecipeCiTelemetry(builder.Configuration, settings.Runtime.NodeId);
        builder.Services.AddProxySupport(proxy);
        builder.Services.AddStartTimeline(timeline);

        var app = builder.Build();
        timeline.Note("services built");
        app.UseProxySupport(proxy);
        app.UseSerilogRequestLogging();
        app.UseJsonErrors();
        app.MapRecipeCiHealth();
        app.MapRecipeCiMetrics();
        app.MapWorkflowsHosting();
        app.MapRunPages();
        timeline.Note("endpoints mapped");
        app.UseStartTimeline();
        return app;
    }
}
