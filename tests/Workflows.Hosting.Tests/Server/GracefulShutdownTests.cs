using Microsoft.Extensions.DependencyInjection;
using Workflows.Core.Persistence;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// SIGTERM to a real <c>recipeci serve</c> (SQLite) while an instance is inside a slow step: the process stops taking
/// work, lets the step finish (or gives up at the deadline), exits 0, leaves no live lease, and the next start
/// finishes the instance.
/// </summary>
public sealed class GracefulShutdownTests
{
    // ServerCluster runs nodes with Runtime:ShutdownDeadlineSeconds=5.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    // Longer than the deadline plus the host's own stopping (bus, hosted services) on a loaded machine.
    private static readonly TimeSpan LongStep = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Sigterm_inside_a_step_lets_it_finish_exits_0_releases_the_lease_and_a_restart_finishes_the_rest()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow("slow", ServerWorkflows.Chain("slow", ServerWorkflows.SlowStep("step1", 2500), ServerWorkflows.SlowStep("step2", 200)));
        var node = await cluster.StartNodeAsync("node-a");
        var id = await node.DispatchAsync("slow");
        await node.WaitForJournalAsync(id, r => IsEvent(r, "Started", "step1"), TimeSpan.FromSeconds(60));

        // Generous: the exit includes host and bus shutdown on a busy machine; what matters is that it is clean.
        var exitCode = await node.TerminateAsync(Deadline + TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{node.Output}");
        var stored = await ReadInstanceAsync(cluster, id);
        Assert.True(stored.LeaseOwner is null || stored.LeaseExpiresAt <= DateTimeOffset.UtcNow, $"lease {stored.LeaseOwner} until {stored.LeaseExpiresAt}");
        // Stopped after the step it was in, not cancelled: Running, ready for another worker.
        Assert.Equal(WorkflowStatus.Running, stored.Status);

        var restarted = await cluster.StartNodeAsync("node-a");
        var finished = await restarted.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        var journal = await restarted.JournalAsync(id);
        JournalAssertions.CompletedExactlyOnce(journal, id, ["step1", "step2"]);
        // The step finished before the process exited: nothing ran twice.
        Assert.Empty(JournalAssertions.Rerun(journal));
    }

    [Fact]
    public async Task Sigterm_inside_a_step_longer_than_the_deadline_gives_the_lease_up_and_a_restart_runs_the_step_again()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow("too-slow", ServerWorkflows.Chain("too-slow", ServerWorkflows.SlowStep("long", (int)LongStep.TotalMilliseconds), ServerWorkflows.SlowStep("after", 100)));
        var node = await cluster.StartNodeAsync("node-a");
        var id = await node.DispatchAsync("too-slow");
        await node.WaitForJournalAsync(id, r => IsEvent(r, "Started", "long"), TimeSpan.FromSeconds(60));

        // The process must be gone well before the step could have ended: it gave the run up at the deadline.
        var exitCode = await node.TerminateAsync(LongStep - TimeSpan.FromSeconds(5));

        Assert.True(exitCode == 0, $"exit code {exitCode}\n{node.Output}");
        var stored = await ReadInstanceAsync(cluster, id);
        Assert.True(stored.LeaseOwner is null || stored.LeaseExpiresAt <= DateTimeOffset.UtcNow, $"lease {stored.LeaseOwner} until {stored.LeaseExpiresAt}");
        Assert.Equal(WorkflowSubStatus.Executing, stored.SubStatus);

        var restarted = await cluster.StartNodeAsync("node-a");
        var finished = await restarted.WaitFinishedAsync(id, TimeSpan.FromSeconds(90));
        Assert.Equal("Finished", finished["subStatus"]!.GetValue<string>());
        var journal = await restarted.JournalAsync(id);
        JournalAssertions.CompletedExactlyOnce(journal, id, ["long", "after"]);
        Assert.Equal(["long"], JournalAssertions.Rerun(journal));
    }

    private static bool IsEvent(System.Text.Json.Nodes.JsonNode record, string eventName, string activityId) =>
        record["eventName"]!.GetValue<string>() == eventName && record["activityId"]?.GetValue<string>() == activityId;

    /// <summary>Reads the instance row straight from the stopped server's SQLite database.</summary>
    private static async Task<WorkflowInstanceRecord> ReadInstanceAsync(ServerCluster cluster, string id)
    {
        var options = new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(Path.Combine(cluster.Folder.Path, "data")));
        await using var services = new ServiceCollection().AddWorkflowPersistence(options).BuildServiceProvider();
        return await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(id, CancellationToken.None)
               ?? throw new InvalidOperationException($"instance {id} is not in the database");
    }
}
