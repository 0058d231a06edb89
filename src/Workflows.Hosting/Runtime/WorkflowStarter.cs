using System.Collections.Concurrent;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Dispatch;

namespace Workflows.Hosting.Runtime;

/// <inheritdoc />
public sealed class WorkflowStarter(
    WorkflowEngine engine,
    WorkflowDefinitionService definitions,
    IWorkflowDefinitionStore store,
    IWorkflowInstanceStore instances,
    IWorkflowDispatcher dispatcher,
    InstanceRunner runner,
    LocalDispatch local) : IWorkflowStarter
{
    // Versions named by triggers, read once: a version's content never changes (the engine caches its model by id too),
    // and a trigger exists only while its version does, so a trigger start never needs the definition's round trip.
    private readonly ConcurrentDictionary<string, StoredWorkflowDefinition> _triggerVersions = new(StringComparer.Ordinal);

    public async Task<string> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        // Either way a taken id is refused by the create-only commit, so there is no look-up first.
        if (local.TryTakeSlot() is { } slot)
        {
            var options = StartOptions(request with { InstanceId = request.InstanceId ?? Guid.NewGuid().ToString("N") });
            return (await runner.CreateAndStartAsync(definition, options, slot, cancellationToken)).Id;
        }
        var instance = await CreateAsync(definition, request, cancellationToken);
        await dispatcher.DispatchRunAsync(instance.Id, cancellationToken);
        return instance.Id;
    }

    public async Task<WorkflowInstanceRecord> RunInlineAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        var instanceId = request.InstanceId ?? Guid.NewGuid().ToString("N");
        // Held from the start, and written by the run's first commit with this node's lease in the row (no claim, no
        // read back, no commit of its own). A taken id is refused by that create-only commit, so there is no look-up first.
        RunOutcome outcome;
        try
        {
            outcome = await runner.StartAndRunAsync(definition, StartOptions(request with { InstanceId = instanceId }), cancellationToken);
        }
        catch (InstanceAlreadyExistsException e)
        {
            throw new WorkflowInstanceExistsException(e.InstanceId);
        }
        // A run that stopped without an outcome of its own (abandoned at a shutdown deadline, its lease lost) left
        // whatever it committed; the instance is then as the store has it.
        return outcome.Instance
               ?? await instances.FindAsync(instanceId, CancellationToken.None)
               ?? throw new InvalidOperationException(
                   $"Workflow instance {instanceId} stopped before its first commit ({outcome.Reason}); nothing of it was kept, start it again.");
    }

    /// <summary>Creates and commits a Pending instance of the requested version.</summary>
    public async Task<WorkflowInstanceRecord> CreateAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        if (request.InstanceId is { } id && await instances.FindAsync(id, cancellationToken) is not null)
            throw new WorkflowInstanceExistsException(id);
        return await CreateAsync(definition, request, cancellationToken);
    }

    /// <summary>Commits the instance as Pending.</summary>
    private async Task<WorkflowInstanceRecord> CreateAsync(StoredWorkflowDefinition definition, WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.CreateInstanceAsync(definition, StartOptions(request), cancellationToken);
        }
        catch (InstanceAlreadyExistsException e)
        {
            // Two starts of one id raced past the look-up above; the store kept the first and refused this one.
            throw new WorkflowInstanceExistsException(e.InstanceId);
        }
    }

    private static WorkflowStartOptions StartOptions(WorkflowStartRequest request) => new()
    {
        Input = request.Input,
        CorrelationId = request.CorrelationId,
        InstanceId = request.InstanceId,
        TriggerActivityId = request.TriggerActivityId,
    };

    private async Task<StoredWorkflowDefinition> ResolveAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        if (request.DefinitionVersionId is { } versionId)
        {
            if (request.VersionFromTrigger && _triggerVersions.TryGetValue(versionId, out var known))
                return known;
            var found = await store.FindByIdAsync(versionId, cancellationToken)
                        ?? throw new WorkflowDefinitionNotFoundException($"Workflow definition version '{versionId}' was not found.");
            if (request.VersionFromTrigger)
                _triggerVersions.TryAdd(versionId, found);
            return found;
        }
        if (request.DefinitionId is not { } definitionId)
            throw new ArgumentException("A start request needs a definition id or a definition version id.", nameof(request));
        return await definitions.FindAsync(definitionId, request.Version, cancellationToken)
               ?? throw new WorkflowDefinitionNotFoundException(
                   $"Workflow definition '{definitionId}' has no {request.Version.Kind.ToString().ToLowerInvariant()} version.");
    }
}
