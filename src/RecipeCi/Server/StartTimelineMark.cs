using Microsoft.Extensions.Hosting;

namespace RecipeCi.Server;

/// <summary>Marks the end of the hosted service registered just before it (services start in registration order).</summary>
public sealed class StartTimelineMark(StartTimeline timeline, IServiceProvider services, ILogger<StartTimeline> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var previous = services.GetServices<IHostedService>().TakeWhile(s => !ReferenceEquals(s, this)).LastOrDefault();
            timeline.Log(logger, $"{previous?.GetType().Name ?? "?"} started");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
