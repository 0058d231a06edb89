using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Workflows.Hosting.Bus;

/// <summary>
/// Gets consumption back as soon as the broker is: MassTransit's receive transport retries a lost connection on an
/// exponential back-off that reaches 30 s and never resets (so a second outage waits the longest), and a receive
/// endpoint whose stop was cut short can stay down. Every second, an endpoint without a consumer for
/// <see cref="Grace"/> while a fresh connection to the broker succeeds is stopped and started again (a new
/// receive transport, which connects at once, declares its queue anew and consumes).
/// </summary>
public sealed class BusSupervisor(BusOptions options, BusProbe probe, BusConsumption consumption, TimeProvider time, ILogger<BusSupervisor> logger)
    : BackgroundService
{
    /// <summary>How long MassTransit gets to recover an endpoint by itself once the broker answers.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A restarted endpoint gets this long to report Ready before it is restarted again.</summary>
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Uri, DateTimeOffset> _restartedAt = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Transport != BusTransport.RabbitMq)
            return;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SuperviseAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Bus supervision failed; trying again in {Interval}", Interval);
            }
        }
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var down = consumption.DownFor(Grace);
        if (down.Count == 0 || !await probe.BrokerAnswersAsync(cancellationToken))
            return;
        foreach (var (address, endpoint) in down)
        {
            var now = time.GetUtcNow();
            if (_restartedAt.TryGetValue(address, out var at) && now - at < Cooldown)
                continue;
            _restartedAt[address] = now;
            logger.LogWarning("The broker answers but {InputAddress} has had no consumer for over {Grace}; restarting its receive endpoint", address, Grace);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(StopTimeout);
            await endpoint.Stop(stop.Token);
            endpoint.Start(CancellationToken.None);
        }
    }
}
