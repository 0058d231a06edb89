using Recipes.Ci.Forge;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Closes the run: its final result (the result recorded so far, <c>error</c> when the flow says the run broke or
/// nothing was recorded), finish time, work tree removed, and the workflow outputs RunId, Mode, Result, Reason,
/// DeployCount, Report, ReportPath, PageUrl and Promotion (seeded, advanced or why not) set; a run started by a forge
/// webhook gets its final commit status queued. Idempotent.
/// </summary>
[Activity("Recipes", "CompleteRun", Category = "Recipes", DisplayName = "Complete run",
    Description = "Close the run record (result, finish time), remove its work trees and set the outputs RunId, Mode, Result, DeployCount, Report.")]
[FlowPort(FlowPorts.Done)]
public sealed class CompleteRun(RunRecords records, RecipeCiOptions options, RunWorkspace workspace, ForgeOutbox forge, IRunPageLinks pages, TimeProvider time, ILogger<CompleteRun> logger) : Activity
{
    [Input(Description = "Force this result (e.g. error on a teardown path); empty keeps the recorded one.", UIHint = "dropdown",
        Options = ["", RunResults.Pass, RunResults.Fail, RunResults.Error], Order = 0)]
    public string? Result { get; set; }

    [Input(Description = "The run; empty means the run of this workflow instance.", Category = "Run", Order = 100)]
    public string? RunId { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var record = !string.IsNullOrWhiteSpace(RunId)
            ? await records.GetAsync(RunId, ct)
            : await records.FindByInstanceAsync(context.WorkflowInstanceId, ct);
        if (record is null)
        {
            // ResolveRun itself failed: there is no run to close, only a result to report.
            context.SetWorkflowOutput("Result", RunResults.Error);
            context.Complete(FlowPorts.Done);
            return;
        }
        var result = !string.IsNullOrWhiteSpace(Result) ? Result : record.Result ?? RunResults.Error;
        // An earlier error (an activity that faulted) is not overridden by a later pass.
        if (record.Result == RunResults.Error)
            result = RunResults.Error;
        await records.FinishAsync(record.RunId, result, CancellationToken.None);
        await QueueForgeStatusAsync(record, result);
        Diagnostics.RecipesDiagnostics.RunCompleted(record.Mode, result, time.GetUtcNow() - record.StartedAt);
        workspace.Forget(record.RunId);
        RunWorkTrees.Delete(options, record.Recipe, record.RunId);
        context.SetWorkflowOutput("RunId", record.RunId);
        context.SetWorkflowOutput("Mode", record.Mode);
        context.SetWorkflowOutput("Result", result);
        context.SetWorkflowOutput("Reason", result == RunResults.Pass ? null : record.Reason);
        context.SetWorkflowOutput("PageUrl", pages.PageUrl(record.RunId));
        context.SetWorkflowOutput("DeployCount", record.DeployCount);
        context.SetWorkflowOutput("Report", record.ReportXml ?? record.ReportPath);
        context.SetWorkflowOutput("ReportPath", record.ReportPath);
        // Re-read: a cold fallback's promotion was recorded by the child flows after this instance loaded the record.
        var promotion = (await records.GetAsync(record.RunId, ct))?.Promotion;
        if (promotion is not null)
            context.SetWorkflowOutput("Promotion", promotion);
        context.Complete(FlowPorts.Done);
    }

    /// <summary>The forge hears of the result through the outbox; a failure to queue it never changes the run's result.</summary>
    private async Task QueueForgeStatusAsync(RunRecord record, string result)
    {
        try
        {
            await forge.EnqueueFinalAsync(record, result, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId}: could not queue its final forge status", record.RunId);
        }
    }
}
