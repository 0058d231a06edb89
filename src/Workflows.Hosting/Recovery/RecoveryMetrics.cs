using System.Diagnostics.Metrics;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// Counters of crash recovery (meter <c>recipeci.workflows</c>), for /metrics later: instances re-dispatched after
/// their lease expired, and timers dispatched.
/// </summary>
public sealed class RecoveryMetrics : IDisposable
{
    public const string MeterName = "recipeci.workflows";

    private readonly Meter _meter = new(MeterName);
    private long _recovered;

    public RecoveryMetrics()
    {
        RecoveredCounter = _meter.CreateCounter<long>("recipeci.workflows.recovered", description: "Instances re-dispatched after their lease expired.");
        TimersCounter = _meter.CreateCounter<long>("recipeci.workflows.timers_dispatched", description: "Timer bookmarks dispatched for resumption.");
    }

    /// <summary>Instances re-dispatched by this node's recovery sweep since it started.</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    private Counter<long> RecoveredCounter { get; }
    private Counter<long> TimersCounter { get; }

    public void InstanceRecovered()
    {
        Interlocked.Increment(ref _recovered);
        RecoveredCounter.Add(1);
    }

    public void TimerDispatched() => TimersCounter.Add(1);

    public void Dispose() => _meter.Dispose();
}
