using Workflows.Core.Persistence;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// Starts instances on the server (triggers, the run API). Both methods commit the instance before anything runs,
/// so a start that returned is never lost.
/// </summary>
public interface IWorkflowStarter
{
    /// <summary>Creates and commits the instance, then dispatches it to a worker (any node); returns its id.</summary>
    Task<string> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Creates and commits the instance, then runs it in this process (under its lease and lock) until it finishes
    /// or suspends; for HTTP requests that answer from the workflow. Cancelling the token cancels the workflow.
    /// </summary>
    Task<WorkflowInstanceRecord> RunInlineAsync(WorkflowStartRequest request, CancellationToken cancellationToken);
}
