using System.Diagnostics;
using System.Diagnostics.Metrics;
using Workflows.Core.Persistence;

namespace Workflows.Core.Diagnostics;

/// <summary>
/// The engine's traces and metrics, on the standard .NET APIs so the engine depends on no exporter: spans on
/// <see cref="ActivitySource"/> "Workflows" (one per run or resumption of an instance, one per activity
/// step) and instruments on <see cref="Meter"/> "Workflows". The host picks exporters (recipeci serve:
/// Prometheus /metrics and an optional OTLP endpoint); with none listening, all of this costs next to nothing.
/// </summary>
public static class WorkflowDiagnostics
{
    public const string Name = "Workflows";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    // Instrument names carry the meter's namespace: OpenTelemetry's Prometheus exporter does not prefix the meter
    // name, and recipe CI has its own runs.completed (workflows_runs_completed_total vs recipes_runs_completed_total).
    private static readonly Counter<long> RunsCompleted = Meter.CreateCounter<long>(
        "workflows.runs.completed", unit: "{run}",
        description: "Workflow instances that finished, by definition (the CI mode: quick, cold, ...) and result.");

    private static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "workflows.run.duration", unit: "s",
        description: "Time from creating an instance to its end (suspensions included), by definition and result.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Runs });

    private static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>(
        "workflows.activity.duration", unit: "s",
        description: "Wall time of one activity step (execute or resume), by activity type and the status it left.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets.Activities });

    /// <summary>Starts the span of one run or resumption; null when nothing listens.</summary>
    public static Activity? StartRun(string instanceId, string operation)
    {
        var span = Source.StartActivity("workflow " + operation);
        span?.SetTag("workflow.instance.id", instanceId);
        return span;
    }

    /// <summary>Tags the run's span with where the instance got to, and counts it when this run finished it.</summary>
    public static void RunEnded(Activity? span, WorkflowInstanceRecord result, bool wasFinished)
    {
        if (span is not null)
        {
            span.DisplayName = "workflow " + result.DefinitionId;
            span.SetTag("workflow.definition.id", result.DefinitionId);
            span.SetTag("workflow.status", result.Status.ToString());
            span.SetTag("workflow.sub_status", result.SubStatus.ToString());
            if (result.SubStatus == WorkflowSubStatus.Faulted) span.SetStatus(ActivityStatusCode.Error, "faulted");
        }
        if (wasFinished || result.Status != WorkflowStatus.Finished) return;
        var tags = new TagList { { "workflow", result.DefinitionId }, { "result", result.SubStatus.ToString() } };
        RunsCompleted.Add(1, tags);
        var end = result.FinishedAt ?? result.UpdatedAt;
        RunDuration.Record(Math.Max(0, (end - result.CreatedAt).TotalSeconds), tags);
    }

    /// <summary>Starts the span of one activity step; null when nothing listens.</summary>
    public static Activity? StartActivity(string activityType, string activityId, string instanceId)
    {
        var span = Source.StartActivity(activityType);
        span?.SetTag("workflow.instance.id", instanceId);
        span?.SetTag("workflow.activity.id", activityId);
        span?.SetTag("workflow.activity.type", activityType);
        return span;
    }

    /// <summary>Records an activity step's duration and the status it left the activity in.</summary>
    public static void ActivityEnded(Activity? span, string activityType, string status, TimeSpan elapsed)
    {
        span?.SetTag("workflow.activity.status", status);
        if (status == "Faulted") span?.SetStatus(ActivityStatusCode.Error, "faulted");
        ActivityDuration.Record(elapsed.TotalSeconds, new TagList { { "activity_type", activityType }, { "status", status } });
    }
}
