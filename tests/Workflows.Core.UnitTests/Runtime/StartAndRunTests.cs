using System.Text.Json.Nodes;
using Workflows.Core.Activities;
using Workflows.Core.Persistence;
using Workflows.Core.Persistence.InMemory;
using Workflows.Core.Runtime;
using Workflows.Core.UnitTests.Support;
using static Workflows.Core.UnitTests.Support.Flow;

namespace Workflows.Core.UnitTests.Runtime;

/// <summary>
/// <see cref="WorkflowEngine.StartAsync"/>, as a server runs an HTTP-triggered instance: nothing is written before the
/// run's first commit, which creates the row with the host's lease in it.
/// </summary>
public sealed class StartAndRunTests
{
    private const string Owner = "node-a";

    private static WorkflowStartOptions Leased(string instanceId) =>
        new() { InstanceId = instanceId, LeaseOwner = Owner, LeaseExpiresAt = DateTimeOffset.UtcNow.AddMinutes(1) };

    private static readonly WorkflowRunControl Control = new() { LeaseOwner = Owner, EndsLeaseWhenFinished = true };

    private static WorkflowEngine ServerEngine(TestHost test, IWriteLineSink? lines = null) =>
        new(ActivityRegistry.CreateWithBuiltIns(), test.Host.Definitions, test.Host.Instances, test.Host.Instances,
            new WorkflowEngineServices { Lines = lines ?? new CollectingWriteLineSink(), CommitBeforeExecute = true });

    private static JsonObject Set(string id, string variable, int value) =>
        Activity(id, "Elsa.SetVariable", ("variable", new JsonObject { ["name"] = variable }), ("value", Literal(value)));

    private static JsonArray Variables() => [Variable("x", "X", "Int32", 0), Variable("y", "Y", "Int32", 0)];

    [Fact]
    public async Task A_run_of_steps_free_of_side_effects_is_created_by_its_first_step_commit_without_a_commit_of_its_own()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [Set("a", "X", 1), Set("b", "Y", 2)], [Connect("a", "b")]), Variables()));
        var before = test.Host.Instances.CommitCount;

        var result = await ServerEngine(test).StartAsync(definition, Leased("i1"), Control, CancellationToken.None);

        // a's completion (which creates the row) and the final commit; created first and then run, it took three.
        Assert.Equal(2, test.Host.Instances.CommitCount - before);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
        var stored = (await test.Host.Instances.FindAsync("i1", CancellationToken.None))!;
        Assert.Equal(WorkflowSubStatus.Finished, stored.SubStatus);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(2, JsonNode.Parse(stored.VariablesJson)!["Y"]!.GetValue<int>());
        var events = (await test.JournalAsync("i1")).Select(r => r.EventName).ToList();
        Assert.Equal("WorkflowStarted", events[0]);
        Assert.Equal("WorkflowFinished", events[^1]);
    }

    [Fact]
    public async Task A_step_with_side_effects_finds_the_row_created_with_the_lease_before_it_runs()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(
            Flowchart("fc", [Set("a", "X", 1), WriteLine("say", "hello"), Set("b", "Y", 2)], [Connect("a", "say"), Connect("say", "b")]), Variables()));
        var lines = new RowAtWriteLine(test.Host.Instances, "i2");
        var before = test.Host.Instances.CommitCount;

        var result = await ServerEngine(test, lines).StartAsync(definition, Leased("i2"), Control, CancellationToken.None);

        // When WriteLine ran, its attempt and the step before it were on record, in the row the lease came with.
        var seen = Assert.Single(lines.Rows);
        Assert.NotNull(seen);
        Assert.Equal(WorkflowSubStatus.Executing, seen.SubStatus);
        Assert.Equal(Owner, seen.LeaseOwner);
        Assert.Equal(1, JsonNode.Parse(seen.VariablesJson)!["X"]!.GetValue<int>());
        // That commit, the one after WriteLine and the final one.
        Assert.Equal(3, test.Host.Instances.CommitCount - before);
        Assert.Equal(WorkflowSubStatus.Finished, result.SubStatus);
    }

    [Fact]
    public async Task A_taken_id_fails_the_first_commit_and_the_existing_instance_is_left_as_it_was()
    {
        var test = new TestHost();
        var definition = await test.ImportAsync(Workflow(Flowchart("fc", [Set("a", "X", 1)], []), Variables()));
        var existing = await test.Host.Engine.CreateInstanceAsync(definition, new WorkflowStartOptions { InstanceId = "i3" }, CancellationToken.None);
        var journalBefore = (await test.JournalAsync("i3")).Count;

        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() =>
            ServerEngine(test).StartAsync(definition, Leased("i3"), Control, CancellationToken.None));

        var stored = (await test.Host.Instances.FindAsync("i3", CancellationToken.None))!;
        Assert.Equal(existing, stored);
        Assert.Equal(journalBefore, (await test.JournalAsync("i3")).Count);
    }

    /// <summary>A line sink that reads the instance's row each time WriteLine runs.</summary>
    private sealed class RowAtWriteLine(InMemoryWorkflowInstanceStore store, string instanceId) : IWriteLineSink
    {
        public List<WorkflowInstanceRecord?> Rows { get; } = [];

        public async ValueTask WriteLineAsync(string workflowInstanceId, string activityId, string text, CancellationToken cancellationToken) =>
            Rows.Add(await store.FindAsync(instanceId, cancellationToken));
    }
}
