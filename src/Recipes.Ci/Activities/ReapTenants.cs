using System.Text.Json;
using System.Text.Json.Nodes;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Deletes orphan tenants (their run no longer runs, older than Tenants:GracePeriodMinutes) in every warm
/// dependency, and alerts once an hour while more than Tenants:MaxLive are live. Idempotent.
/// </summary>
[Activity("Recipes", "ReapTenants", Category = "Recipes", DisplayName = "Reap tenants",
    Description = "Delete tenants whose run is no longer running (past the grace period); alert when the live count passes Tenants:MaxLive.")]
public sealed class ReapTenants(TenantReaping reaping, ILogger<ReapTenants> logger) : WarmActivity(logger)
{
    [Input(Description = "List what would be deleted, delete nothing.", UIHint = "checkbox", Order = 0)]
    public bool DryRun { get; set; }

    [Output(Description = "Per dependency: deleted, kept, live count, over limit.")]
    public JsonArray? Reports { get; set; }

    [Output(Description = "How many tenants were (or would be) deleted.")]
    public int Deleted { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var reports = await reaping.ReapAsync(DryRun, cancellationToken);
        context.SetOutput(nameof(Reports), JsonSerializer.SerializeToNode(reports, WarmJson.Options));
        context.SetOutput(nameof(Deleted), reports.Sum(r => r.Report.Deleted.Count));
        return FlowPorts.Done;
    }
}
