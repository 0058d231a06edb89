using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Cancel and retry on two real server processes (PostgreSQL + RabbitMQ) never interleave with the node that holds
/// an instance: a cancel sent to the other node reaches the running activity's cancellation token on its owner,
/// even when the owner's lock session is gone (only its lease still fences it), and a retry of an instance whose
/// lease another owner holds changes nothing.
/// </summary>
[Trait("Category", "Services")]
public sealed class CancelRetryFencingTests
{
    [Fact]
    public async Task Cancel_through_the_other_node_ends_a_long_running_activity_cancelled_once_even_after_the_owner_lost_its_lock_session()
    {
        await using var cluster = await ServerCluster.CreatePostgresAsync("cancelfence");
        // The long step would end (and commit) 15 s in: a cancel that interleaved would be overwritten by it.
        cluster.AddWorkflow("long", ServerWorkflows.Chain("long", ServerWorkflows.SlowStep("long", 15_000), ServerWorkflows.WriteLine("after", "after")));
        var nodes = await Task.WhenAll(cluster.StartNodeAsync("node-a"), cluster.StartNodeAsync("node-b"));

        // 1. Plain cross-node cancel: the owner's running activity sees its token, the instance ends Cancelled.
        var first = await nodes[0].DispatchAsync("long");
        var (owner, other) = await OwnerAsync(nodes, first);
        using (var cancel = await other.Client.PostAsync($"elsa/api/cancel/workflow-instances/{first}", null))
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await AssertCancelledOnceAsync(other, first);

        // 2. The owner's advisory-lock session is killed: the other node now gets the instance lock, but the owner still
        // runs the step under a live lease. The cancel must go to the owner, not be written beside its run.
        var second = await nodes[0].DispatchAsync("long");
        (owner, other) = await OwnerAsync(nodes, second);
        var terminated = await TerminateAdvisoryLockSessionsAsync(cluster.ConnectionString!);
        Assert.True(terminated > 0, "no session held an advisory lock");
        using (var cancel = await other.Client.PostAsync($"elsa/api/cancel/workflow-instances/{second}", null))
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        await AssertCancelledOnceAsync(other, second);
        // Past the point where the step would have ended: still Cancelled, nothing ran on.
        await Task.Delay(TimeSpan.FromSeconds(16));
        await AssertCancelledOnceAsync(other, second);
        Assert.False(owner.HasExited, owner.Output);
    }

    [Fact]
    public async Task Retry_of_a_faulted_instance_whose_lease_another_owner_holds_changes_nothing_until_the_lease_is_free()
    {
        await using var cluster = await ServerCluster.CreatePostgresAsync("retryfence");
        cluster.AddWorkflow("fails", ServerWorkflows.Chain("fails", ServerWorkflows.WriteLine("before", "x"), ServerWorkflows.Fault("boom", "it broke")));
        var node = await cluster.StartNodeAsync("node-a");
        var id = await node.DispatchAsync("fails");
        Assert.Equal("Faulted", (await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(60)))["subStatus"]!.GetValue<string>());

        // Another owner (a node paused mid-commit, say) holds the lease.
        await ExecuteAsync(cluster.ConnectionString!,
            """update "WorkflowInstances" set "LeaseOwner" = 'ghost-node', "LeaseExpiresAt" = now() + interval '1 hour' where "Id" = @id""", id);
        var refused = await RetryAsync(node, id);
        Assert.False(refused["retried"]!.GetValue<bool>(), refused.ToJsonString());
        Assert.Contains("ghost-node", refused["message"]!.GetValue<string>());
        var untouched = await node.InstanceAsync(id);
        Assert.Equal("Faulted", untouched["subStatus"]!.GetValue<string>());
        Assert.Equal(0, JournalAssertions.Count(await node.JournalAsync(id), "WorkflowRetrying"));

        await ExecuteAsync(cluster.ConnectionString!, """update "WorkflowInstances" set "LeaseExpiresAt" = now() - interval '1 second' where "Id" = @id""", id);
        var retried = await RetryAsync(node, id);
        Assert.True(retried["retried"]!.GetValue<bool>(), retried.ToJsonString());
        await Eventually.UntilAsync(() => node.JournalAsync(id), journal => JournalAssertions.Count(journal, "Faulted", "boom") >= 2, TimeSpan.FromSeconds(60),
            journal => $"the retried activity did not run again ({JournalAssertions.Count(journal, "Faulted", "boom")} Faulted records of boom)",
            TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, JournalAssertions.Count(await node.JournalAsync(id), "WorkflowRetrying"));
    }

    private static async Task<JsonNode> RetryAsync(ServerNode node, string id)
    {
        using var response = await node.Client.PostAsJsonAsync("elsa/api/alterations/workflows/retry", new { workflowInstanceIds = new[] { id } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["items"]!.AsArray().Single()!;
    }

    private static async Task<(ServerNode Owner, ServerNode Other)> OwnerAsync(ServerNode[] nodes, string id)
    {
        var executing = await Eventually.UntilAsync(() => nodes[0].InstanceAsync(id),
            instance => instance["subStatus"]!.GetValue<string>() == "Executing" && instance["leaseOwner"] is not null, TimeSpan.FromSeconds(60),
            instance => $"{id} never ran: {instance.ToJsonString()}", TimeSpan.FromMilliseconds(100));
        var owner = executing["leaseOwner"]!.GetValue<string>();
        return (nodes.Single(n => n.NodeId == owner), nodes.Single(n => n.NodeId != owner));
    }

    /// <summary>Cancelled within the wait, the long step never completed, one WorkflowFinished.</summary>
    private static async Task AssertCancelledOnceAsync(ServerNode node, string id)
    {
        var instance = await node.WaitFinishedAsync(id, TimeSpan.FromSeconds(30));
        Assert.Equal("Cancelled", instance["subStatus"]!.GetValue<string>());
        var journal = await node.JournalAsync(id);
        Assert.Equal(1, JournalAssertions.Count(journal, "WorkflowFinished"));
        Assert.Equal(0, JournalAssertions.Count(journal, "Completed", "long"));
        Assert.Equal(0, JournalAssertions.Count(journal, "Completed", "after"));
    }

    private static async Task<int> TerminateAdvisoryLockSessionsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select count(pg_terminate_backend(pid)) from (
                select distinct l.pid from pg_locks l
                where l.locktype = 'advisory' and l.granted and l.pid <> pg_backend_pid()
                  and l.database = (select oid from pg_database where datname = current_database())) held
            """, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }

    private static async Task ExecuteAsync(string connectionString, string sql, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
