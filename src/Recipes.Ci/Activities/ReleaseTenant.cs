using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Deletes the run's tenants (every one it leased). Meant for every teardown path, so it also works when the run
/// never got a record or a tenant: then there is nothing to do. Idempotent: a deleted tenant is "already gone".
/// </summary>
[Activity("Recipes", "ReleaseTenant", Category = "Recipes", DisplayName = "Release tenant",
    Description = "Delete the run's tenants in the warm dependencies (idempotent; safe on failed and cancelled paths).")]
public sealed class ReleaseTenant(RunRecords records, RunTenants tenants, ILogger<ReleaseTenant> logger) : WarmActivity(logger)
{
    [Input(Description = "The run; empty means the run of this workflow instance.", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "The dependencies whose tenant was released.")]
    public JsonArray? Released { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var runId = !string.IsNullOrWhiteSpace(RunId) ? RunId.Trim() : (await records.FindByInstanceAsync(context.WorkflowInstanceId, cancellationToken))?.RunId;
        var released = runId is null ? [] : await tenants.ReleaseAsync(Catalog.RunId.Parse(runId), cancellationToken);
        context.SetOutput(nameof(Released), new JsonArray([.. released.Select(d => (JsonNode)JsonValue.Create(d))]));
        return FlowPorts.Done;
    }
}
