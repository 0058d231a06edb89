using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Definitions;

namespace Workflows.Core.Runtime;

/// <summary>The completion of a workflow used as an activity by Elsa.Complete inside it (a composite signal).</summary>
internal sealed partial class ActivityInvoker
{
    /// <summary>
    /// Elsa's CompleteCompositeSignal reaching a workflow used as an activity: the signalling activity completes (its
    /// parent is not told: the body ends as a whole), the body's other activities are cancelled, and the owner completes
    /// with the signalled outcomes.
    /// </summary>
    private async Task CompleteCompositeAsync(WorkflowExecution execution, ActivityInstanceState instance, ActivityNode node, ActivityInstanceState owner,
        IReadOnlyList<string> outcomes, CancellationToken cancellationToken)
    {
        foreach (var child in execution.ChildrenOf(instance.Id))
            execution.Cancel(child);
        instance.Status = ActivityStatus.Completed;
        execution.State.Activities.Remove(instance.Id);
        execution.Log(instance, node, "Completed", FlowPorts.Done);
        execution.RecordExecution(instance, node, "Completed", [FlowPorts.Done], null, completed: true);

        owner.Properties[BodyLocals.Outcomes] = new JsonArray(outcomes.Select(o => (JsonNode)JsonValue.Create(o)!).ToArray());
        var body = execution.ChildrenOf(owner.Id).ToList();
        foreach (var child in body)
            execution.Cancel(child);
        var ownerNode = execution.Model.GetNode(owner.NodeId);
        var ownerContext = new ActivityContext(execution, owner, ownerNode, cancellationToken);
        try
        {
            await Find(execution, ownerNode).Factory(services.ServiceProvider)
                .OnChildCompletedAsync(ownerContext, new ChildCompletion(instance.Id, node, outcomes));
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            await FaultAsync(execution, owner, ownerNode, e, cancellationToken);
            return;
        }
        await ApplyAsync(execution, owner, ownerNode, ownerContext, implicitDone: false, cancellationToken);
    }
}
