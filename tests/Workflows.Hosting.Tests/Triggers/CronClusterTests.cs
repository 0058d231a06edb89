using System.Text.Json.Nodes;
using Npgsql;
using TestKit;
using Workflows.Core.Persistence;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// Two server nodes (two in-process hosts, each with its own Quartz scheduler, bus and engine) on one PostgreSQL
/// database with the clustered Quartz store: an every-second cron workflow starts one instance per second, not two.
/// </summary>
[Trait("Category", "Services")]
public class CronClusterTests
{
    [Fact]
    public async Task An_every_second_cron_on_two_nodes_fires_once_per_second()
    {
        await using var database = await PostgresDatabase.CreateAsync("cron-cluster");
        var persistence = new PersistenceOptions(DatabaseProvider.PostgreSql, database.ConnectionString);
        await using var nodeA = await TriggerTestServer.StartAsync(persistence, "node-a");
        await using var nodeB = await TriggerTestServer.StartAsync(persistence, "node-b");

        // Two real cluster members, not one scheduler shared through a process-wide registry.
        var schedulerA = await nodeA.GetSchedulerAsync();
        var schedulerB = await nodeB.GetSchedulerAsync();
        Assert.NotSame(schedulerA, schedulerB);
        Assert.Equal(["node-a", "node-b"], await WaitForClusterMembersAsync(database.ConnectionString, 2));

        var definition = await nodeA.PublishAsync(TriggerWorkflows.Cron("every-second", "* * * * * *"), "every-second.json");
        await nodeB.Reconciler.ReconcileNowAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(10));
        await nodeA.Definitions.RetractAsync(definition.DefinitionId, CancellationToken.None);
        await nodeA.Reconciler.ReconcileNowAsync(CancellationToken.None);
        await nodeB.Reconciler.ReconcileNowAsync(CancellationToken.None);

        var instances = await nodeA.Instances.ListAsync(
            new WorkflowInstanceFilter { DefinitionId = definition.DefinitionId }, new PageArgs(0, 1000), CancellationToken.None);
        var perFiring = instances.Items
            .GroupBy(i => JsonNode.Parse(i.InputJson)?["scheduledFireTime"]?.GetValue<string>())
            .ToList();
        Assert.All(perFiring, firing => Assert.NotNull(firing.Key));
        Assert.All(perFiring, firing => Assert.True(firing.Count() == 1, $"firing {firing.Key} started {firing.Count()} instances"));
        var seconds = perFiring.Select(f => DateTimeOffset.Parse(f.Key!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(seconds, s => Assert.Equal(0, s.Millisecond));
        Assert.True(seconds.Count >= 5, $"only {seconds.Count} firings in 10 s");
    }

    /// <summary>The nodes that checked in to the cluster, once <paramref name="count"/> have (schedulers start just after the host).</summary>
    private static async Task<List<string>> WaitForClusterMembersAsync(string connectionString, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var members = await ClusterMembersAsync(connectionString);
        while (members.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            members = await ClusterMembersAsync(connectionString);
        }
        return members;
    }

    private static async Task<List<string>> ClusterMembersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select instance_name from qrtz_scheduler_state order by instance_name", connection);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }
}
