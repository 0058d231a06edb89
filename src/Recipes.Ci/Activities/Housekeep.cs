using System.Text.Json;
using System.Text.Json.Nodes;
using Recipes.Ci.Housekeeping;
using Recipes.Ci.Warm;
using Recipes.Swarm.Housekeeping;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// One housekeeping pass: removes run apps whose run is gone (with their volumes), prunes past the disk threshold
/// while keeping warm and canonical volumes and referenced snapshots, and relays pending alerts. Idempotent.
/// </summary>
[Activity("Recipes", "Housekeep", Category = "Recipes", DisplayName = "Housekeep",
    Description = "Reap orphan run apps and their volumes, disk guard and prune (warm/canonical volumes and referenced snapshots kept), relay alerts.")]
public sealed class Housekeep(HousekeepingPass pass, ILogger<Housekeep> logger) : WarmActivity(logger)
{
    [Input(Description = "Prune when Docker's data root or the snapshots disk is at least this full (percent; 0 forces a prune).", UIHint = "singleline", TypeName = "Double", DefaultValueJson = "85", Order = 0)]
    public double ThresholdPercent { get; set; } = 85;

    [Input(Description = "Report what would be removed; remove nothing.", UIHint = "checkbox", Order = 1)]
    public bool DryRun { get; set; }

    [Input(Description = "Snapshots kept per app beyond the referenced ones.", UIHint = "singleline", TypeName = "Int32", DefaultValueJson = "3", Order = 2)]
    public int KeepSnapshotsPerApp { get; set; } = PruneOptions.DefaultKeepSnapshotsPerApp;

    [Input(Description = "Run volumes younger than this (minutes) are spared: their app may be deploying.", UIHint = "singleline", TypeName = "Double", DefaultValueJson = "10", Order = 3)]
    public double MinimumVolumeAgeMinutes { get; set; } = PruneOptions.DefaultMinimumVolumeAge.TotalMinutes;

    [Input(Description = "Relay pending alerts to the sinks.", UIHint = "checkbox", DefaultValueJson = "true", Order = 4)]
    public bool RelayAlerts { get; set; } = true;

    [Input(Description = "Only touch apps, volumes and snapshots whose name starts with this (and no host-wide images or build cache).", UIHint = "singleline", Order = 5)]
    public string? Scope { get; set; }

    [Output(Description = "The housekeeping report.")]
    public JsonNode? Report { get; set; }

    [Output(Description = "The volumes pruned (or that would be).")]
    public JsonArray? PrunedVolumes { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        if (ThresholdPercent is < 0 or > 100)
            throw new ArgumentException($"ThresholdPercent {ThresholdPercent} must be from 0 to 100.");
        var request = new HousekeepingRequest(ThresholdPercent, DryRun, Math.Max(0, KeepSnapshotsPerApp), TimeSpan.FromMinutes(Math.Max(0, MinimumVolumeAgeMinutes)),
            RelayAlerts, string.IsNullOrWhiteSpace(Scope) ? null : Scope.Trim());
        var report = await pass.RunAsync(request, cancellationToken);
        context.SetOutput(nameof(Report), JsonSerializer.SerializeToNode(report, WarmJson.Options));
        context.SetOutput(nameof(PrunedVolumes), new JsonArray([.. (report.Disk.Prune?.Volumes ?? []).Select(v => (JsonNode)JsonValue.Create(v))]));
        return FlowPorts.Done;
    }
}
