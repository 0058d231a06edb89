using Recipes.Ci.Canonicals;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Serves the recipe's canonical as <c>warm-&lt;recipe&gt;</c> again: restores the canonical snapshot exactly and
/// deploys the canonical commit (<c>Restored</c> only, with <c>Ci:WarmCanonicals</c> off). Runs after every quick run
/// and every promotion, holding the app's lock (serve-canonical.json). It works for no run: a failure here never
/// changes a finished run's result; the next quick run then restores and deploys the canonical itself. Idempotent.
/// </summary>
[Activity("Recipes", "ServeCanonical", Category = "Recipes", DisplayName = "Serve canonical",
    Description = "Restore the canonical snapshot into warm-<recipe> and deploy the canonical commit, so the next quick run reattaches without a deploy.")]
[FlowPort(Served)]
[FlowPort(Restored)]
[FlowPort(NoCanonical)]
[FlowPort(Failed)]
public sealed class ServeCanonical(CanonicalRegistry canonicals, CanonicalServer server, ILogger<ServeCanonical> logger) : WarmActivity(logger)
{
    public const string Served = "Served";
    public const string Restored = "Restored";
    public const string NoCanonical = "NoCanonical";
    public const string Failed = "Failed";

    [Input(Description = "The recipe whose canonical to serve.", UIHint = "singleline", Order = 0)]
    public string? Recipe { get; set; }

    [Input(Description = "The run that asked (shown in the journal); empty for none.", UIHint = "singleline", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "Why serving failed.")]
    public string? Failures { get; set; }

    [Output(Description = "The outcome: Served, Restored, NoCanonical or Failed.")]
    public string? Serving { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var outcome = await ServeAsync(context, cancellationToken);
        context.SetOutput(nameof(Serving), outcome);
        return outcome;
    }

    private async Task<string> ServeAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var recipe = Required(Recipe, nameof(Recipe));
        var canonical = await canonicals.GetAsync(recipe, cancellationToken);
        if (canonical is null)
            return NoCanonical;
        // Its own work tree, whoever asked: the run that dispatched it removes only its own at teardown, maybe meanwhile.
        var result = await server.ServeAsync(canonical, Runs.RunWorkTrees.Serve(context.WorkflowInstanceId), cancellationToken);
        if (result.Deploy is { Succeeded: false } failed)
        {
            context.SetOutput(nameof(Failures), failed.ToString());
            return Failed;
        }
        return result.Deploy is null ? Restored : Served;
    }
}
