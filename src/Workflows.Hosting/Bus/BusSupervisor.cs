using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Bus;

/// <summary>
/// Gets consumption back as soon as the broker is: MassTransit's receive transport retries a lost connection on an
/// exponential back-off that reaches 30 s and never resets (so a second outage waits the longest), and a receive
/// endpoint whose stop was cut short can stay down. Every second, an endpoint without a consumer for
/// <see cref="Grace"/> while a fresh connection to the broker succeeds is stopped and started again (a new
/// receive transport, which connects at once, declares its queue anew and consumes).
/// </summary>
public sealed class BusSupervisor(BusOptions options, BusProbe probe, BusConsumption consumption, TimeProvider time, ILogger<BusSupervisor> logger)
    : PollingService(time, logger)
{
    /// <summary>How long MassTransit gets to recover an endpoint by itself once the broker answers.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A restarted endpoint gets this long to report Ready before it is restarted again.</summary>
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    private readonly Dictionary<Uri, DateTimeOffset> _restartedAt = [];

    protected override string RoundName => "Bus supervision";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Only a RabbitMQ bus loses its connection; the in-memory bus needs no supervision.</summary>
    protected override bool IsEnabled => options.Transport == BusTransport.RabbitMq;

    protected override async Task<TimeSpan?> RunRoundAsync(CancellationToken cancellationToken)
    {
        await SuperviseAsync(cancellationToken);
        return null;
    }

    private async Task SuperviseAsync(CancellationToken cancellationToken)
    {
        var down = consumption.DownFor(Grace);
        if (down.Count == 0 || !await probe.BrokerAnswersAsync(cancellationToken))
            return;
        foreach (var (address, endpoint) in down)
        {
            var now = Time.GetUtcNow();
            if (_restartedAt.TryGetValue(address, out var at) && now - at < Cooldown)
                continue;
            _restartedAt[address] = now;
            Logger.LogWarning("The broker answers but {InputAddress} has had no consumer for over {Grace}; restarting its receive endpoint", address, Grace);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(StopTimeout);
            await endpoint.Stop(stop.Token);
            endpoint.Start(CancellationToken.None);
        }
    }
}
