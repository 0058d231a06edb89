namespace Workflows.Core.Diagnostics;

/// <summary>
/// Histogram bucket bounds in seconds, given to exporters as instrument advice: the OpenTelemetry defaults are made
/// for milliseconds (0 .. 10000) and would put every CI run (minutes) in the last buckets.
/// </summary>
public static class DurationBuckets
{
    /// <summary>Activity steps: a millisecond-long SetVariable up to a ten-minute deploy or test suite.</summary>
    public static readonly IReadOnlyList<double> Activities =
        [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    /// <summary>Whole runs: a second-long quick flow up to a two-hour nightly cold run.</summary>
    public static readonly IReadOnlyList<double> Runs =
        [0.1, 0.5, 1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
}
