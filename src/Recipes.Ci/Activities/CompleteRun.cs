using Recipes.Ci.Runs;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// Closes the run: its final result (the result recorded so far, <c>error</c> when the flow says the run broke or
/// nothing was recorded), finish time, work tree removed, and the workflow outputs RunId, Mode, Result, DeployCount,
/// Report and Promotion (seeded, advanced or why not) set. Idempotent.
/// </summary>
[Activity("Recipes", "CompleteRun", Category = "Recipes", DisplayName = "Complete run",
    Description = "Close the run record (result, finish time), remove its work trees and set the outputs RunId, Mode, Result, DeployCount, Report.")]
[FlowPort("Done")]
public sealed class CompleteRun(RunRecords records, RecipeCiOptions options) : Activity
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
            context.Complete("Done");
            return;
        }
        var result = !string.IsNullOrWhiteSpace(Result) ? Result : record.Result ?? RunResults.Error;
        // An earlier error (an activity's Error outcome) is not overridden by a later pass.
        if (record.Result == RunResults.Error)
            result = RunResults.Error;
        await records.FinishAsync(record.RunId, result, CancellationToken.None);
        Diagnostics.RecipesDiagnostics.RunCompleted(record.Mode, result, DateTimeOffset.UtcNow - record.StartedAt);
        RunWorkTrees.Delete(options, record.Recipe, record.RunId);
        context.SetWorkflowOutput("RunId", record.RunId);
        context.SetWorkflowOutput("Mode", record.Mode);
        context.SetWorkflowOutput("Result", result);
        context.SetWorkflowOutput("DeployCount", record.DeployCount);
        context.SetWorkflowOutput("Report", record.ReportXml ?? record.ReportPath);
        // Re-read: a cold fallback's promotion was recorded by the child flows after this instance loaded the record.
        var promotion = (await records.GetAsync(record.RunId, ct))?.Promotion;
        if (promotion is not null)
            context.SetWorkflowOutput("Promotion", promotion);
        context.Complete("Done");
    }
}
