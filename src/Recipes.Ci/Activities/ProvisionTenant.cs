using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using Recipes.Ci.Runs;
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
[FlowPort("Done")]
[FlowPort(FaultPort.Name)]
public sealed class ProvisionTenant(RunContextFactory runs, RecipeCatalog catalog, RecipeCiOptions options, RunTenants tenants) : RecipeActivity(runs)
{
    [Output(Description = "The TENANT_* variables for the tests (may hold credentials).")]
    public JsonObject? TenantEnvironment { get; set; }

    [Output(Description = "The tenants created, as kind:name.")]
    public JsonArray? Tenants { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run)
    {
        var ct = context.CancellationToken;
        var recipe = RecipeName.Parse(run.Record.Recipe);
        IReadOnlyList<WarmNeed> needs;
        // A work tree of its own: the run's main work tree may be in use by a deploy of the same run.
        using (var workTree = await catalog.CheckoutAsync(recipe, run.Record.Commit ?? run.Record.Ref, Catalog.RunId.Parse(RunWorkTrees.Tenant(run.RunId)), ct))
            needs = new RecipeCiConfigReader(options.Paths.TestsRoot).Read(recipe, workTree.Path).Needs;

        var created = await run.TimeAsync("tenants", () => tenants.ProvideAsync(Catalog.RunId.Parse(run.RunId), context.WorkflowInstanceId, needs, ct), ct);
        var environment = new JsonObject();
        foreach (var (key, value) in created.SelectMany(t => t.Environment))
            environment[key] = value;
        context.SetOutput(nameof(TenantEnvironment), environment);
        context.SetOutput(nameof(Tenants), new JsonArray([.. created.Select(t => (JsonNode)JsonValue.Create($"{t.Kind}:{t.Name}"))]));
        return "Done";
    }
}
