using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Docker;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Advances the recipe's canonical to the run's commit and snapshot. Only a green cold run may (the registry checks
/// the run record, not the flow) of a commit a trusted ref reaches (Ci:PromoteFrom, <see cref="PromotionPolicy"/>); the first
/// one seeds it; a quick run, or a pull request's commit, is Refused. The canonical keeps the secret values of the app its
/// snapshot was taken of (<see cref="AppSecrets"/>); those of the canonical it replaces are deleted. Idempotent: promoting the same
/// run and snapshot again changes nothing.
/// </summary>
[Activity("Recipes", "Promote", Category = "Recipes", DisplayName = "Promote canonical",
    Description = "Advance (or seed) the recipe's canonical to this green cold run's commit and snapshot; refused for quick or red runs.")]
[FlowPort(Promoted)]
[FlowPort(Refused)]
public sealed class Promote(RunContextFactory runs, CanonicalRegistry canonicals, RecipeCatalog catalog, AppSecrets secrets, SnapshotRetention retention,
    PromotionPolicy policy, RunRecords records) : RecipeActivity(runs)
{
    public const string Promoted = "Promoted";
    public const string Refused = "Refused";

    [Input(Description = "The snapshot to promote (from Snapshot).", UIHint = "singleline", Order = 0)]
    public string? SnapshotId { get; set; }

    [Input(Description = "The app the snapshot was taken of; empty means the run's app.", UIHint = "singleline", Order = 1)]
    public string? SnapshotApp { get; set; }

    [Output(Description = "Seeded, Advanced, AlreadyPromoted or Refused.")]
    public string? Promotion { get; set; }

    [Output(Description = "Why the promotion was refused.")]
    public string? Reason { get; set; }

    protected override async Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(SnapshotId))
            throw new ArgumentException("Promote needs the SnapshotId of the run's snapshot.");
        var commit = run.Record.Commit ?? throw new InvalidOperationException($"Run {run.RunId} has no resolved commit.");
        // Checked here too, not only by CheckPromotion: no flow can make an untrusted commit the canonical.
        if (policy.Refusal(run.Record) is { } refusal)
        {
            await records.SetPromotionAsync(run.RunId, PromotionNotes.NotPromoted(refusal), cancellationToken);
            context.SetOutput(nameof(Promotion), PromotionKind.Refused.ToString());
            context.SetOutput(nameof(Reason), refusal);
            return Refused;
        }
        var version = catalog.ListVersions(RecipeName.Parse(run.Record.Recipe)).LastOrDefault(v => v.Commit == commit)?.Tag;
        var previous = await canonicals.GetAsync(run.Record.Recipe, cancellationToken);
        var result = await canonicals.PromoteAsync(run.RunId, commit, version, SnapshotId,
            string.IsNullOrWhiteSpace(SnapshotApp) ? run.App.Value : SnapshotApp, cancellationToken);
        context.SetOutput(nameof(Promotion), result.Kind.ToString());
        if (result.Kind == PromotionKind.Refused)
        {
            context.SetOutput(nameof(Reason), result.Reason);
            return Refused;
        }
        if (result.Kind != PromotionKind.AlreadyPromoted)
            await records.SetPromotionAsync(run.RunId, result.Kind.ToString().ToLowerInvariant(), cancellationToken);
        // The canonical now keeps this run's secret values (its app is the snapshot's); the previous one's are unused.
        if (result.Kind == PromotionKind.Advanced && previous is not null && AppName.TryParse(previous.SnapshotApp, out var replaced))
            await secrets.ForgetAsync(replaced, cancellationToken);
        await ApplyRetentionAsync(run, cancellationToken);
        return Promoted;
    }

    /// <summary>
    /// Every cold run snapshots under its own app, so disk stays bounded only if older ones of the recipe go once a newer
    /// one is the canonical. A failure here is logged, never the run's: the next promotion or housekeeping pass retries.
    /// </summary>
    private async Task ApplyRetentionAsync(RunContext run, CancellationToken cancellationToken)
    {
        try
        {
            await retention.ApplyAsync(run.Record.Recipe, dryRun: false, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            run.Logger.LogWarning(e, "Run {RunId}: snapshot retention of {Recipe} failed; the next promotion or housekeeping pass retries", run.RunId, run.Record.Recipe);
        }
    }
}
