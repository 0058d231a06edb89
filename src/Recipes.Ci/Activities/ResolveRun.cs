using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Starts (or continues) a run: resolves the ref to a commit, labels the run and says whether the recipe has a
/// canonical. The run id is the workflow instance id; a cold fallback continues its quick run's id, so one run has
/// one record. With a forge repository it queues the run's <c>pending</c> commit status (posted by the forge outbox).
/// Idempotent: a re-run keeps the existing record and queues nothing twice.
/// </summary>
[Activity("Recipes", "ResolveRun", Category = "Recipes", DisplayName = "Resolve run",
    Description = "Resolve a recipe ref to a commit, label the run (mode, trigger, PR) and look up the recipe's canonical.")]
[FlowPort(Done)]
[FlowPort(FaultPort.Name)]
public sealed class ResolveRun(RunRecords records, RecipeCatalog catalog, CanonicalRegistry canonicals, ForgeOutbox forge, IRunPageLinks pages, ILogger<ResolveRun> logger) : Activity
{
    /// <summary>The run is started (or continued) and labelled.</summary>
    public const string Done = FlowPorts.Done;

    [Input(Description = "The recipe (a folder under Recipes:Root).", UIHint = "singleline", Order = 0)]
    public string? Recipe { get; set; }

    [Input(Description = "A tag, branch or commit of the recipe: the PR head for a quick run.", UIHint = "singleline", Order = 1)]
    public string? Ref { get; set; }

    [Input(Description = "The pull request number, if any.", UIHint = "singleline", Order = 2)]
    public string? Pr { get; set; }

    [Input(Description = "The run mode label.", UIHint = "dropdown", Options = [RunModes.Quick, RunModes.Cold, RunModes.ColdFallback], DefaultValueJson = "\"cold\"", Order = 3)]
    public string? Mode { get; set; }

    [Input(Description = "What started the run.", UIHint = "dropdown", Options = [RunTriggers.Manual, RunTriggers.Webhook, RunTriggers.Nightly], DefaultValueJson = "\"manual\"", Order = 4)]
    public string? Trigger { get; set; }

    [Input(Description = "Continue this run id (a cold fallback of a quick run); empty starts a new run.", UIHint = "singleline", Order = 5)]
    public string? RunId { get; set; }

    [Input(Description = "The forge repository (owner/name) to post commit statuses to (pending now, the result at the end); empty posts none.", UIHint = "singleline", Category = "Forge", Order = 6)]
    public string? Repository { get; set; }

    [Input(Description = "Why the run trusts only the CI side's tests whatever Ci:Tests:Trust says: fork or comment (ReadWebhook's Untrusted); empty when the commit is the recipe's own. Kept on a new run's record.", UIHint = "singleline", Order = 7)]
    public string? Untrusted { get; set; }

    [Output(Description = "The run id.")]
    public string? ResolvedRunId { get; set; }

    [Output(Description = "The commit the ref resolved to.")]
    public string? Commit { get; set; }

    [Output(Description = "The run's page, readable without the admin key (its link carries the run's token).")]
    public string? PageUrl { get; set; }

    [Output(Description = "True when the recipe has a canonical.")]
    public bool HasCanonical { get; set; }

    [Output(Description = "Why the activity faulted (the flow then takes the Error port).")]
    public string? Error { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var runId = RunIdOf(context);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });
        var recipe = RecipeName.Parse(Recipe ?? string.Empty);
        if (string.IsNullOrWhiteSpace(Ref))
            throw new ArgumentException("ResolveRun needs a Ref.");
        var mode = string.IsNullOrWhiteSpace(Mode) ? RunModes.Cold : Mode;
        var commit = await TrustedCommitAsync(recipe, ct) ?? catalog.Resolve(recipe, Ref).Commit;
        var record = await records.StartAsync(new RunStart(runId, context.WorkflowInstanceId, mode, recipe.Value, Ref, commit,
            string.IsNullOrWhiteSpace(Pr) ? null : Pr, string.IsNullOrWhiteSpace(Trigger) ? RunTriggers.Manual : Trigger, null)
        {
            Untrusted = string.IsNullOrWhiteSpace(Untrusted) ? null : Untrusted,
        }, ct);
        if (record.Mode != mode || record.InstanceId != context.WorkflowInstanceId)
        {
            // A continued run (cold fallback): it is now this instance's, with the new mode.
            await records.SetModeAsync(runId, mode, ct);
            await records.SetInstanceAsync(runId, context.WorkflowInstanceId, ct);
        }
        if (!string.IsNullOrWhiteSpace(Repository))
            await forge.EnqueuePendingAsync(new ForgeRunLink(runId, Repository, commit, record.Pr, mode), ct);
        var canonical = await canonicals.GetAsync(recipe.Value, ct);
        logger.LogInformation("Run {RunId}: {Mode} run of {Recipe} at {Ref} ({Commit}); canonical {Canonical}",
            runId, mode, recipe.Value, Ref, commit, canonical?.Commit ?? "none");
        context.SetOutput(nameof(ResolvedRunId), runId);
        context.SetOutput(nameof(Commit), commit);
        context.SetOutput(nameof(HasCanonical), canonical is not null);
        context.SetOutput(nameof(PageUrl), pages.PageUrl(runId));
        context.Complete(Done);
    }

    /// <summary>
    /// A run continued by id (quick or cold dispatched by ci.json, a cold fallback) keeps the commit its record
    /// already has: the ref is resolved once per run, not again by every flow it passes through.
    /// </summary>
    private async Task<string?> TrustedCommitAsync(RecipeName recipe, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(RunId) || await records.GetAsync(RunId, cancellationToken) is not { } existing)
            return null;
        if (existing.Recipe != recipe.Value)
            throw new ArgumentException($"Run {RunId} is a run of recipe {existing.Recipe}, not {recipe.Value}: pass its own recipe, or no RunId to start a new run.");
        return existing.Ref == Ref ? existing.Commit : null;
    }

    public override bool IsRetriable(Exception exception) => TransientErrors.IsTransient(exception);

    /// <summary>The run never started: the flow ends Faulted with this reason (recipeci run names the bad input).</summary>
    public override ValueTask OnFaultedAsync(ActivityContext context, Exception exception)
    {
        logger.LogError(exception, "ResolveRun of {Recipe} at {Ref} failed", Recipe, Ref);
        context.SetWorkflowOutput("Reason", "resolve: " + exception.Message);
        return ValueTask.CompletedTask;
    }

    private string RunIdOf(ActivityContext context) => string.IsNullOrWhiteSpace(RunId) ? context.WorkflowInstanceId : RunId;
}
