using System.Collections.Concurrent;
using System.Diagnostics;

namespace RecipeCi.Bench;

/// <summary>
/// Splits each instance's wall time into the activities' own work and engine overhead. The overhead of step i is the
/// time from the end of step i-1 (or the moment the instance was requested) to the start of step i; the tail after the
/// last step (final commit) is added to the last step. So the overheads of an instance add up to its wall time minus
/// the activities' own time. Sample storage is allocated up front so it does not show up as memory growth.
/// </summary>
public sealed class BenchTimings(int instances, int activitiesPerInstance)
{
    private readonly double[] _overheadMicroseconds = new double[instances * activitiesPerInstance];
    private readonly ConcurrentDictionary<string, InstanceClock> _running = new(StringComparer.Ordinal);
    private int _sampleCount;
    private long _activityTicks;

    public int SampleCount => Volatile.Read(ref _sampleCount);

    public TimeSpan ActivityTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _activityTicks));

    public void InstanceRequested(string instanceId, long timestamp) =>
        _running[instanceId] = new InstanceClock(timestamp, activitiesPerInstance);

    public void ActivityStarted(string instanceId, long timestamp)
    {
        if (_running.TryGetValue(instanceId, out var clock))
        {
            clock.AddOverhead(timestamp - clock.LastBoundary);
            clock.LastBoundary = timestamp;
        }
    }

    public void ActivityEnded(string instanceId, long timestamp)
    {
        if (_running.TryGetValue(instanceId, out var clock))
        {
            Interlocked.Add(ref _activityTicks, timestamp - clock.LastBoundary);
            clock.LastBoundary = timestamp;
        }
    }

    /// <summary>Closes an instance: the tail goes to its last step and its samples join the run's.</summary>
    public void InstanceCompleted(string instanceId, long timestamp, bool record)
    {
        if (!_running.TryRemove(instanceId, out var clock) || !record)
        {
            return;
        }
        clock.AddTail(timestamp - clock.LastBoundary);
        foreach (var ticks in clock.Overheads())
        {
            var index = Interlocked.Increment(ref _sampleCount) - 1;
            if (index < _overheadMicroseconds.Length)
            {
                _overheadMicroseconds[index] = Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds;
            }
        }
    }

    /// <summary>Nearest-rank percentile of the per-activity overhead, in milliseconds.</summary>
    public double OverheadPercentileMilliseconds(double percentile)
    {
        var count = Math.Min(SampleCount, _overheadMicroseconds.Length);
        if (count == 0)
        {
            return double.NaN;
        }
        var sorted = _overheadMicroseconds.AsSpan(0, count).ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100.0 * count) - 1;
        return sorted[Math.Clamp(rank, 0, count - 1)] / 1000.0;
    }

    private sealed class InstanceClock(long requestedAt, int capacity)
    {
        private readonly long[] _overheads = new long[capacity];
        private int _count;

        public long LastBoundary { get; set; } = requestedAt;

        public void AddOverhead(long ticks)
        {
            if (_count < _overheads.Length)
            {
                _overheads[_count++] = ticks;
            }
        }

        public void AddTail(long ticks)
        {
            if (_count > 0)
            {
                _overheads[_count - 1] += ticks;
            }
        }

        public ReadOnlySpan<long> Overheads() => _overheads.AsSpan(0, _count);
    }
}
