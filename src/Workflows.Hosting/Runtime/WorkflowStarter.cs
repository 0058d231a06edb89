using System.Collections.Concurrent;
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
    // Versions named by triggers, read once: a version's content never changes (the engine caches its model by id too),
    // and a trigger exists only while its version does, so a trigger start never needs the definition's round trip.
    private readonly ConcurrentDictionary<string, StoredWorkflowDefinition> _triggerVersions = new(StringComparer.Ordinal);

    public async Task<string> StartAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var instance = await CreateAsync(request, cancellationToken);
        await dispatcher.DispatchRunAsync(instance.Id, cancellationToken);
        return instance.Id;
    }

    public async Task<WorkflowInstanceRecord> RunInlineAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        var instanceId = request.InstanceId ?? Guid.NewGuid().ToString("N");
        WorkflowInstanceRecord? created = null;
        // Created under its lock with this node's lease in the row, then run from that row (no claim, no read back).
        // A taken id is refused by the create-only insert itself, so there is no look-up first.
        var outcome = await runner.CreateAndRunAsync(instanceId,
            async (owner, expiresAt) => created = await CreateAsync(definition, request with { InstanceId = instanceId },
                new WorkflowStartOptions { LeaseOwner = owner, LeaseExpiresAt = expiresAt }, cancellationToken),
            cancellationToken);
        return outcome.Instance ?? created!;
    }

    /// <summary>Creates and commits a Pending instance of the requested version.</summary>
    public async Task<WorkflowInstanceRecord> CreateAsync(WorkflowStartRequest request, CancellationToken cancellationToken)
    {
        var definition = await ResolveAsync(request, cancellationToken);
        if (request.InstanceId is { } id && await instances.FindAsync(id, cancellationToken) is not null)
            throw new WorkflowInstanceExistsException(id);
        return await CreateAsync(definition, request, new WorkflowStartOptions(), cancellationToken);
    }

    /// <summary>Commits the instance; <paramref name="lease"/> carries the lease it is created with, if any.</summary>
    private async Task<WorkflowInstanceRecord> CreateAsync(StoredWorkflowDefinition definition, WorkflowStartRequest request,
        WorkflowStartOptions lease, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.CreateInstanceAsync(definition, lease with
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
