using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// Deletes definitions and single versions, keeping the flags consistent: when the latest version goes, the highest
/// remaining one becomes latest; when the published version goes, its triggers go with it.
/// </summary>
public sealed class DefinitionDeleter(IWorkflowDefinitionStore store, ITriggerStore triggers)
{
    /// <summary>Deletes every version of a definition; returns how many versions existed.</summary>
    public async Task<int> DeleteDefinitionAsync(string definitionId, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.Count == 0)
            return 0;
        await triggers.ReplaceAsync(definitionId, [], cancellationToken);
        return await store.DeleteAsync(versions.Select(v => v.Id).ToList(), cancellationToken);
    }

    /// <summary>Deletes one version by id; false when it does not exist.</summary>
    public async Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken)
    {
        var version = await store.FindByIdAsync(id, cancellationToken);
        if (version is null)
            return false;
        if (version.IsPublished)
            await triggers.ReplaceAsync(version.DefinitionId, [], cancellationToken);
        await store.DeleteAsync([id], cancellationToken);
        if (version.IsLatest)
        {
            var remaining = await store.ListVersionsAsync(version.DefinitionId, cancellationToken);
            if (remaining.Count > 0 && !remaining.Any(v => v.IsLatest))
            {
                var promoted = remaining.MaxBy(v => v.Version)!;
                var document = Core.Definitions.WorkflowDefinitionDocument.Parse(promoted.Json);
                document.IsLatest = true;
                await store.SaveAsync([promoted with { IsLatest = true, Json = document.ToJsonString() }], cancellationToken);
            }
        }
        return true;
    }
}
