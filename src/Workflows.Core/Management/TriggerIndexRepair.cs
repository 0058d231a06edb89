using Workflows.Core.Definitions;
using Workflows.Core.Persistence;

namespace Workflows.Core.Management;

/// <summary>
/// Puts the trigger index back in line with the published versions it is derived from. A publish writes its version
/// and then its triggers, each in a transaction of its own, so a process killed in between leaves a published workflow
/// without its webhook route or schedule, or (a retract cut short) a route to a version that is no longer published.
/// A release that indexes triggers differently leaves stale rows the same way. An unchanged workflow file is not
/// published again at start, so nothing else would ever rewrite them.
/// </summary>
public sealed class TriggerIndexRepair(IWorkflowDefinitionStore definitions, ITriggerStore triggers, TriggerIndexer indexer)
{
    /// <summary>
    /// Rewrites the triggers of every definition whose stored triggers are not what its published version indexes to
    /// (none when nothing is published). A published version that no longer compiles keeps the triggers it has.
    /// </summary>
    public async Task<TriggerIndexRepairResult> RepairAsync(CancellationToken cancellationToken)
    {
        var stored = (await triggers.FindAsync(new TriggerFilter(), cancellationToken)).ToLookup(t => t.WorkflowDefinitionId);
        var published = (await definitions.ListAsync(new WorkflowDefinitionFilter { IsPublished = true }, PageArgs.All, cancellationToken)).Items
            .GroupBy(d => d.DefinitionId)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.Version)!);

        var rewritten = new List<string>();
        var unindexable = new List<string>();
        foreach (var definitionId in published.Keys.Union(stored.Select(g => g.Key)).Order(StringComparer.Ordinal))
        {
            IReadOnlyList<TriggerRecord> expected;
            try
            {
                expected = published.TryGetValue(definitionId, out var version) ? indexer.Index(version) : [];
            }
            catch (Exception e) when (e is WorkflowValidationException or System.Text.Json.JsonException or FormatException or InvalidOperationException)
            {
                unindexable.Add($"{definitionId}: {e.Message}");
                continue;
            }
            if (Same(expected, stored[definitionId]))
                continue;
            // A publish or retract elsewhere since the lists were read writes its own triggers: leave them to it.
            var now = await definitions.FindNewestAsync(new WorkflowDefinitionFilter { DefinitionId = definitionId, IsPublished = true }, cancellationToken);
            if (now?.Id != published.GetValueOrDefault(definitionId)?.Id)
                continue;
            await triggers.ReplaceAsync(definitionId, expected, cancellationToken);
            rewritten.Add(definitionId);
        }
        return new TriggerIndexRepairResult(rewritten, unindexable);
    }

    // Trigger ids are new at every indexing: two indexes agree when they hold the same triggers, whatever their ids.
    private static bool Same(IEnumerable<TriggerRecord> expected, IEnumerable<TriggerRecord> stored) =>
        expected.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(stored.Select(Key).Order(StringComparer.Ordinal));

    private static string Key(TriggerRecord trigger) =>
        string.Join('\n', trigger.WorkflowDefinitionVersionId, trigger.ActivityId, trigger.Name, trigger.Hash, trigger.PayloadJson);
}
