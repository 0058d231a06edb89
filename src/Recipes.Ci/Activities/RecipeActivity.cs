using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the run-scoped Recipes.* activities. It finds the run (see <see cref="RunContextFactory"/>) and opens a
/// log scope with the run id. Errors are not caught: they go to the engine, which retries the activity when the flow
/// gives it a retry policy and the error is transient (<see cref="TransientErrors"/>), then records an incident and
/// follows the activity's <see cref="FaultPort"/> (<c>Error</c>) to the flow's teardown. This base only notes the
/// fault on the run (result <c>error</c>, reason <c>&lt;step&gt;: &lt;why&gt;</c>) so the run page, the forge
/// status and <c>runs list</c> say why. Outcomes are domain results only.
/// Every activity of this base has the fault port, declared here once (after the activity's own ports).
/// </summary>
[FlowPort(FaultPort.Name)]
public abstract class RecipeActivity(RunContextFactory runs) : Activity
{
    [Input(Description = "The run this works for; empty means the run of this workflow instance (set by ResolveRun).", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    [Output(Description = "Why the activity faulted (the flow then takes the Error port).")]
    public string? Error { get; set; }

    public sealed override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var run = await FindRunAsync(context, context.CancellationToken);
        using var scope = run.BeginScope();
        context.Complete(await RunAsync(context, run, context.CancellationToken));
    }

    public override bool IsRetriable(Exception exception) => TransientErrors.IsTransient(exception);

    /// <summary>The fault becomes the run's result (an error wins over a failure) with the step and its message.</summary>
    public override async ValueTask OnFaultedAsync(ActivityContext context, Exception exception)
    {
        var run = await FindRunAsync(context, CancellationToken.None);
        using var scope = run.BeginScope();
        run.Logger.LogError(exception, "{Activity} of run {RunId} failed", context.Node.Type, run.RunId);
        await run.SetResultAsync(RunResults.Error, $"{StepName(context)}: {exception.Message}", CancellationToken.None);
    }

    private Task<RunContext> FindRunAsync(ActivityContext context, CancellationToken cancellationToken) =>
        runs.ForAsync(context.WorkflowInstanceId, RunId, context.Node.Type, cancellationToken);

    /// <summary>
    /// Records a failed run (a domain result: tests failed, a deploy broke): the result and its reason
    /// (<c>&lt;step&gt;: &lt;why&gt;</c>) on the run, and an incident on this activity, so the instance ends Faulted
    /// (Studio and <c>runs list</c> show it failed) while the flow still takes the outcome this activity returns.
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

    /// <summary>Does the work and returns the outcome; throws on an error.</summary>
    protected abstract Task<string> RunAsync(ActivityContext context, RunContext run, CancellationToken cancellationToken);
}
