using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflows.Core.Diagnostics;

namespace Recipes.Ci.Diagnostics;

/// <summary>
/// Recipe-CI facts on <see cref="Meter"/> "Recipes" (recipeci serve exports them on /metrics): runs by mode and
/// result, their durations, and deploys. Recorded where the fact becomes true (CompleteRun, RunRecords).
/// </summary>
public static class RecipesDiagnostics
{
    public const string Name = "Recipes";

    public static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>(
        "recipes.runs.completed", unit: "{run}", description: "CI runs closed, by mode (quick, cold, ...) and result (pass, fail, error, ...).");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "recipes.run.duration", unit: "s", description: "Time from a CI run's start to its close, by mode and result.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Runs });

    private static readonly Counter<long> Deploys = Meter.CreateCounter<long>(
        "recipes.deploys", unit: "{deploy}", description: "Deploys that changed an app (a repeated identical spec is not counted).");

    public static void RunCompleted(string mode, string result, TimeSpan duration)
    {
        var tags = new TagList { { "mode", mode }, { "result", result } };
        Runs.Add(1, tags);
        RunDuration.Record(Math.Max(0, duration.TotalSeconds), tags);
    }

    public static void Deployed() => Deploys.Add(1);
}
