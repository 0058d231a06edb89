using Workflows.Core.Persistence;

namespace Workflows.Core.Management;

/// <summary>
/// A check a host adds to publishing, beyond the definition's own validation: it sees the version about to be
/// published and the triggers it would index (e.g. HTTP endpoint paths that collide with other workflows or with the
/// server's own routes). Problems refuse the publish with <see cref="WorkflowValidationException"/>.
/// </summary>
public interface IPublishCheck
{
    Task<IReadOnlyList<ValidationProblem>> CheckAsync(StoredWorkflowDefinition definition, IReadOnlyList<TriggerRecord> triggers,
        CancellationToken cancellationToken);
}
