using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace RecipeCi.Server;

/// <summary>Registers the timeline and a mark after each hosted service; call last, when every hosted service is registered.</summary>
public static class StartTimelineExtensions
{
    public static IServiceCollection AddStartTimeline(this IServiceCollection services, StartTimeline timeline)
    {
        services.TryAddSingleton(timeline);
        var hosted = services.Select((descriptor, index) => (descriptor, index))
            .Where(d => d.descriptor.ServiceType == typeof(IHostedService)).Select(d => d.index).Reverse().ToList();
        foreach (var index in hosted)
            services.Insert(index + 1, ServiceDescriptor.Singleton<IHostedService, StartTimelineMark>());
        return services;
    }

    /// <summary>Logs what was noted before the host existed and, once Kestrel listens, the listening phase.</summary>
    public static WebApplication UseStartTimeline(this WebApplication app)
    {
        var timeline = app.Services.GetRequiredService<StartTimeline>();
        var logger = app.Services.GetRequiredService<ILogger<StartTimeline>>();
        timeline.LogEarly(logger);
        app.Lifetime.ApplicationStarted.Register(() => timeline.Log(logger, "listening (every hosted service started)"));
        return app;
    }
}
