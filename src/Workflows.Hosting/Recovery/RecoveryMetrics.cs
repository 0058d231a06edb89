using System.Diagnostics.Metrics;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// Counters of crash recovery (meter <c>recipeci.workflows</c>, on /metrics): instances re-dispatched after their
/// lease expired, and timers dispatched. Observable counters over this node's totals, so both series are there from
/// the start with 0 (a counter that has never moved would otherwise be absent, and absent is not zero to an alert).
/// </summary>
public sealed class RecoveryMetrics : IDisposable
{
    public const string MeterName = "recipeci.workflows";

    private readonly Meter _meter = new(MeterName);
    private long _recovered;
    private long _timers;

    public RecoveryMetrics()
    {
        _meter.CreateObservableCounter("recipeci.workflows.recovered", () => Recovered, unit: "{instance}",
            description: "Instances re-dispatched after their lease expired.");
        _meter.CreateObservableCounter("recipeci.workflows.timers_dispatched", () => Interlocked.Read(ref _timers), unit: "{timer}",
            description: "Timer bookmarks dispatched for resumption.");
    }

    /// <summary>Instances re-dispatched by this node's recovery sweep since it started.</summary>
    public long Recovered => Interlocked.Read(ref _recovered);

    public void InstanceRecovered() => Interlocked.Increment(ref _recovered);

    public void TimerDispatched() => Interlocked.Increment(ref _timers);

    public void Dispose() => _meter.Dispose();
}
