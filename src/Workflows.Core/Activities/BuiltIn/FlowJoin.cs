namespace Workflows.Core.Activities.BuiltIn;

/// <summary>Merges branches; the flowchart applies the mode (WaitAny, the default, or WaitAll).</summary>
[Activity("Elsa", "FlowJoin", Category = "Flow", Description = "Merge branches: wait for any or for all.")]
public sealed class FlowJoin : Activity
{
    [Input(Description = "WaitAny continues on the first arrival; WaitAll when every inbound branch arrived.", DefaultValueJson = "\"WaitAny\"")]
    public FlowJoinMode Mode { get; set; }

    public override ValueTask ExecuteAsync(Runtime.ActivityContext context)
    {
        context.Complete();
        return ValueTask.CompletedTask;
    }
}
