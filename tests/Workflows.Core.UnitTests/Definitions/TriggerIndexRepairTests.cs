using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.UnitTests.Support;

namespace Workflows.Core.UnitTests.Definitions;

/// <summary>The start's repair of the trigger index against the published versions (the server side: Workflows.Hosting.Tests).</summary>
public sealed class TriggerIndexRepairTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static TriggerIndexRepair Repair(TestHost test) =>
        new(test.Host.Definitions, test.Host.Triggers, new TriggerIndexer(test.Host.Registry, EmptyServices.Instance));

    [Fact]
    public async Task An_index_that_matches_is_left_alone()
    {
        var test = new TestHost();
        await test.ImportAsync(SampleFiles.Read("half-past-hourly.json"));
        var before = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter(), None));

        var result = await Repair(test).RepairAsync(None);

        Assert.Empty(result.Rewritten);
        Assert.Empty(result.Unindexable);
        Assert.Equal(before, Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter(), None)));
    }

    [Fact]
    public async Task Triggers_of_another_version_or_missing_or_orphaned_are_rewritten_from_the_published_version()
    {
        var test = new TestHost();
        var published = await test.ImportAsync(SampleFiles.Read("half-past-hourly.json"));
        var indexed = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter(), None));
        var definitionId = published.DefinitionId;
        // A retract or an older publish cut short: the row points at a version that is not the published one.
        await test.Host.Triggers.ReplaceAsync(definitionId, [indexed with { Id = "stale", WorkflowDefinitionVersionId = "old-version" }], None);
        await test.Host.Triggers.ReplaceAsync("deleted", [indexed with { Id = "orphan", WorkflowDefinitionId = "deleted" }], None);

        var result = await Repair(test).RepairAsync(None);

        Assert.Equal(new[] { "deleted", definitionId }.Order(StringComparer.Ordinal), result.Rewritten.Order(StringComparer.Ordinal));
        var now = Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter(), None));
        Assert.Equal((definitionId, published.Id, indexed.Hash), (now.WorkflowDefinitionId, now.WorkflowDefinitionVersionId, now.Hash));

        await test.Host.Triggers.ReplaceAsync(definitionId, [], None);
        Assert.Equal([definitionId], (await Repair(test).RepairAsync(None)).Rewritten);
        Assert.Single(await test.Host.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = definitionId }, None));
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
