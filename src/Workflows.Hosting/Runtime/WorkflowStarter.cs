using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;

namespace Workflows.Hosting.Runtime;

/// <inheritdoc />
public sealed class WorkflowStarter(
    WorkflowEngine engine,
    WorkflowDefinitionService definitions,
    IWorkflowDefinitionStore store,
    IWorkflowInstanceStore instances,
    IWorkflowDispatcher dispatcher,
    InstanceRunner runner) : IWorkflowStarter
{
    public async Task<string> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var instance = await CreateAsync(request, cancellationToken);
        await dispatcher.DispatchRunAsync(instance.Id, cancellationToken);
        return instance.Id;
    }

    public async Task<WorkflowInstanceRecord> RunInlineAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var instance = await CreateAsync(request, cancellationToken);
        var outcome = await runner.RunInlineAsync(instance.Id, cancellationToken);
        return outcome.Instance ?? instance;
    }

    /// <summary>Creates and commits a Pending instance of the requested version.</summary>
    public async Task<WorkflowInstanceRecord> CreateAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        if (request.InstanceId is { } id && await instances.FindAsync(id, cancellationToken) is not null)
            throw new WorkflowInstanceExistsException(id);
        try
        {
            return await engine.CreateInstanceAsync(definition, new WorkflowStartOptions
            {
                Input = request.Input,
                CorrelationId = request.CorrelationId,
                InstanceId = request.InstanceId,
                TriggerActivityId = request.TriggerActivityId,
            }, cancellationToken);
        }
        catch (InstanceAlreadyExistsException e)
        {
            // Two starts of one id raced past the look-up above; the store kept the first and refused this one.
            throw new WorkflowInstanceExistsException(e.InstanceId);
        }
    }

    private async Task<StoredWorkflowDefinition> ResolveAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        if (request.DefinitionVersionId is { } versionId)
            return await store.FindByIdAsync(versionId, cancellationToken)
                   ?? throw new WorkflowDefinitionNotFoundException($"Workflow definition version '{versionId}' was not found.");
        if (request.DefinitionId is not { } definitionId)
            throw new ArgumentException("A start request needs a definition id or a definition version id.", nameof(request));
        return await definitions.FindAsync(definitionId, request.Version, cancellationToken)
               ?? throw new WorkflowDefinitionNotFoundException(
                   $"Workflow definition '{definitionId}' has no {request.Version.Kind.ToString().ToLowerInvariant()} version.");
    }
}
