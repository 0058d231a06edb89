using Recipes.Ci.Canonicals;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Before a green cold run undeploys and snapshots its app for promotion: may it promote at all? Only a cold run of
/// a commit a trusted ref reaches (<c>Ci:PromoteFrom</c>: default branch and version tags by default). When not, the
/// run record says why (<c>Promotion</c> = <c>not promoted: ...</c>) and the flow takes NotAllowed: nothing is
/// snapshot, promoted or served. Idempotent.
/// </summary>
[Activity("Recipes", "CheckPromotion", Category = "Recipes", DisplayName = "Check promotion",
    Description = "Allowed when the run's commit comes from a trusted ref (Ci:PromoteFrom); otherwise record why it is not promoted.")]
[FlowPort(Allowed)]
[FlowPort(NotAllowed)]
public sealed class CheckPromotion(RunContextFactory runs, PromotionPolicy policy, RunRecords records, ILogger<CheckPromotion> logger) : RecipeActivity(runs)
{
    public const string Allowed = "Allowed";
    public const string NotAllowed = "NotAllowed";

    [Output(Description = "Why the run may not promote (empty when it may).")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        if (policy.Refusal(run.Record) is not { } refusal)
            return Allowed;
        logger.LogInformation("Run {RunId} passed but does not promote the canonical of {Recipe}: {Reason}", run.RunId, run.Record.Recipe, refusal);
        await records.SetPromotionAsync(run.RunId, PromotionNotes.NotPromoted(refusal), cancellationToken);
        context.SetOutput(nameof(Reason), refusal);
        return NotAllowed;
    }
}
