using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

/// <summary>
/// Runs a real workflow through <see cref="WorkflowEngine"/> on the EF store and, after every commit the engine makes,
/// reads the database through an independent connection: each step must already be durable and visible.
/// </summary>
public abstract class CommitPerActivityTests(StoreFixture fixture)
{
    private const int Steps = 5;

    [Fact]
    public async Task Every_step_is_committed_and_visible_to_another_connection_before_the_next_one_runs()
    {
        var host = fixture.Host;
        var reader = new IndependentReader(fixture.Database.Options);
        var definition = SequentialWorkflow.Create("seq-" + Guid.NewGuid().ToString("N"), Steps);
        await host.Definitions.SaveAsync([definition], CancellationToken.None);

        var seen = new List<(WorkflowInstanceCommit Commit, IndependentReader.InstanceSnapshot? Snapshot)>();
        var executionIds = new HashSet<string>();
        var logCount = 0L;
        var expectations = new List<(long Executions, long Logs)>();
        var store = new ObservingInstanceStore(host.Instances, async commit =>
        {
            executionIds.UnionWith(commit.ActivityExecutions.Select(e => e.Id));
            logCount += commit.LogRecords.Count;
            expectations.Add((executionIds.Count, logCount));
            seen.Add((commit, await reader.ReadInstanceAsync(commit.Instance.Id)));
        });
        var engine = new WorkflowEngine(
            ActivityRegistry.CreateWithBuiltIns(), host.Definitions, store, host.Bookmarks,
            new WorkflowEngineServices { Lines = new CollectingWriteLineSink() });

        var created = await engine.CreateInstanceAsync(definition, new WorkflowStartOptions(), CancellationToken.None);
        var finished = await engine.RunAsync(created.Id, CancellationToken.None);

        Assert.Equal(WorkflowSubStatus.Finished, finished.SubStatus);
        // The instance row exists before anything ran.
        Assert.Equal("Pending", seen[0].Snapshot?.SubStatus);
        for (var i = 0; i < seen.Count; i++)
        {
            var (commit, snapshot) = seen[i];
            Assert.NotNull(snapshot);
            Assert.Equal(commit.Instance.SubStatus.ToString(), snapshot.SubStatus);
            Assert.Equal(commit.Instance.VariablesJson, snapshot.VariablesJson);
            Assert.Equal(expectations[i].Executions, snapshot.ExecutionRecords);
            Assert.Equal(expectations[i].Logs, snapshot.LogRecords);
        }
        // A commit after each SetVariable: the other connection saw Counter = 1, 2, ..., K in turn.
        var counters = seen
            .Select(s => JsonNode.Parse(s.Snapshot!.VariablesJson)?["Counter"]?.ToString())
            .Where(c => c is not null && c != "0")
            .Distinct()
            .ToList();
        Assert.Equal(Enumerable.Range(1, Steps).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), counters);
        Assert.True(seen.Count >= Steps + 1, $"expected at least {Steps + 1} commits, saw {seen.Count}");
        Assert.Equal("Finished", (await reader.ReadInstanceAsync(created.Id))?.SubStatus);
    }
}
