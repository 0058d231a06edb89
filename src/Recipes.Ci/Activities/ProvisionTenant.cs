using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Creates the run's tenants in the warm dependencies its recipe <c>needs</c> (recipeci.yml at the run's commit):
/// Keycloak realm <c>ci-&lt;run&gt;</c> with the recipe's clients and users, or PostgreSQL database
/// <c>ci_&lt;run&gt;</c>. TenantEnvironment holds the <c>TENANT_*</c> variables for Assert. Idempotent: an existing
/// tenant is returned as it is.
/// </summary>
[Activity("Recipes", "ProvisionTenant", Category = "Recipes", DisplayName = "Provision tenant",
    Description = "Create the run's tenant (Keycloak realm ci-<run> or database ci_<run>) in each warm dependency the recipe needs; outputs TENANT_* variables.")]
public sealed class ProvisionTenant(RunContextFactory runs, RunWorkspace workspace, RunTenants tenants) : RecipeActivity(runs)
{
    [Output(Description = "The TENANT_* variables for the tests (may hold credentials).")]
    public JsonObject? TenantEnvironment { get; set; }

    [Output(Description = "The tenants created, as kind:name.")]
    public JsonArray? Tenants { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        // The needs are in the recipe's recipeci.yml at the run's commit, read once into the run's workspace.
        var needs = (await workspace.SpecAsync(run, run.App, cancellationToken)).Config.Needs;

        var created = await run.TimeAsync("tenants", () => tenants.ProvideAsync(Catalog.RunId.Parse(run.RunId), context.WorkflowInstanceId, needs, cancellationToken), cancellationToken);
        var environment = new JsonObject();
        foreach (var (key, value) in created.SelectMany(t => t.Environment))
            environment[key] = value;
        context.SetOutput(nameof(TenantEnvironment), environment);
        context.SetOutput(nameof(Tenants), new JsonArray([.. created.Select(t => (JsonNode)JsonValue.Create($"{t.Kind}:{t.Name}"))]));
        return FlowPorts.Done;
    }
}
