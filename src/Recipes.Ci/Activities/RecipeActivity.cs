using Microsoft.Extensions.Logging;
using Recipes.Ci.Runs;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the run-scoped Recipes.* activities. It finds the run (see <see cref="RunContextFactory"/>), opens a log
/// scope with the run id, and turns an unexpected exception into the <c>Error</c> outcome (result <c>error</c> on
/// the run) instead of faulting the workflow: flows wire <c>Error</c> to their teardown, so a broken deploy or a
/// Docker hiccup still undeploys and releases the app. Cancellation is not caught.
/// </summary>
public abstract class RecipeActivity(RunContextFactory runs) : Activity
{
    public const string ErrorOutcome = "Error";

    [Input(Description = "The run this works for; empty means the run of this workflow instance (set by ResolveRun).", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "Why the activity took the Error outcome.")]
    public string? Error { get; set; }

    public sealed override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var run = await runs.ForAsync(context, RunId, context.CancellationToken);
        using var scope = run.BeginScope();
        try
        {
            context.Complete(await RunAsync(context, run));
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            run.Logger.LogError(e, "{Activity} of run {RunId} failed", context.Node.Type, run.RunId);
            context.Log("Error", e.Message);
            context.SetOutput(nameof(Error), e.Message);
            await FailRunAsync(context, run, RunResults.Error, e.Message, CancellationToken.None, e.ToString());
            context.Complete(ErrorOutcome);
        }
    }

    /// <summary>
    /// Records a failed or broken run: the result and its reason (<c>&lt;step&gt;: &lt;why&gt;</c>) on the run, and an
    /// incident on this activity, so the instance ends Faulted (Studio and <c>runs list</c> show it failed) while the
    /// flow still takes the outcome this activity returns and tears down.
    /// </summary>
    protected static async Task FailRunAsync(ActivityContext context, RunContext run, string result, string why, CancellationToken cancellationToken, string? detail = null)
    {
        var reason = $"{StepName(context)}: {why}";
        context.ReportFault(reason, detail);
        await run.SetResultAsync(result, reason, cancellationToken);
    }

    /// <summary>The step a reason names: the activity type's last part, lower-case (<c>Recipes.Assert</c> is <c>assert</c>).</summary>
    public static string StepName(ActivityContext context) =>
        context.Node.Type[(context.Node.Type.LastIndexOf('.') + 1)..].ToLowerInvariant();

    /// <summary>Does the work and returns the outcome.</summary>
    protected abstract Task<string> RunAsync(ActivityContext context, RunContext run);
}
