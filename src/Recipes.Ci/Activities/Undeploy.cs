using Recipes.Ci.Canonicals;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Removes the run's app (services, networks, configs, secrets), keeping its volumes or purging them. Idempotent:
/// an app that is already gone is a success. Canonical volumes are never purged through here. A purge also deletes
/// the app's stored secret values, unless a canonical was made from the app's data (<see cref="AppSecrets.ForgetAsync"/>).
/// </summary>
[Activity("Recipes", "Undeploy", Category = "Recipes", DisplayName = "Undeploy",
    Description = "Remove the run's app; keep or purge its volumes (canonical volumes are always kept). A gone app is a success.")]
public sealed class Undeploy(RunContextFactory runs, IStackRemover remover, CanonicalServing serving, AppSecrets secrets, RecipeCiOptions options)
    : RecipeActivity(runs)
{
    [Input(Description = "Also remove the app's volumes.", UIHint = "checkbox", Order = 0)]
    public bool PurgeVolumes { get; set; }

    [Input(Description = "The app; empty means the run's app.", UIHint = "singleline", Order = 1)]
    public string? App { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        var app = string.IsNullOrWhiteSpace(App) ? run.App : AppName.Parse(App);
        // The canonical's volumes hold the next quick run's data: never purge them, whatever the flow says.
        var canonical = app == RunApps.Canonical(run.Record.Recipe);
        var purge = PurgeVolumes && !canonical;
        if (canonical)
            await serving.ForgetAsync(run.Record.Recipe, cancellationToken);
        await run.TimeAsync("undeploy", () => remover.UndeployAsync(app, purge, options.UndeployTimeout, cancellationToken), cancellationToken);
        // With its volumes gone no data needs the app's secret values any more, unless a canonical was made from it.
        if (purge)
            await secrets.ForgetAsync(app, cancellationToken);
        return FlowPorts.Done;
    }
}
