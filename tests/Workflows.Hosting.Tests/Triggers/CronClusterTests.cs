using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using TestKit;
using Workflows.Hosting.Tests.Server;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// Two real <c>recipeci serve</c> processes on one PostgreSQL database (clustered Quartz store) and one RabbitMQ
/// queue: an every-second cron workflow starts one instance per second, not two.
/// </summary>
[Trait("Category", "Services")]
public class CronClusterTests
{
    private const string DefinitionId = "every-second";
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task An_every_second_cron_on_two_server_processes_fires_once_per_second()
    {
        await using var cluster = await ServerCluster.CreatePostgresAsync("cron-cluster", ["--Scheduler:CheckinSeconds", "2", "--Scheduler:ReconcileSeconds", "2"]);
        cluster.AddWorkflow(DefinitionId, TriggerWorkflows.Cron(DefinitionId, "* * * * * *"));
        var nodes = await Task.WhenAll(cluster.StartNodeAsync("cron-a"), cluster.StartNodeAsync("cron-b"));
        var connectionString = cluster.ConnectionString!;

        // Both schedulers are cluster members before the window opens (each checks in after its host started).
        Assert.Equal(["cron-a", "cron-b"], await WaitForClusterMembersAsync(connectionString, 2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var from = WholeSecond(DateTimeOffset.UtcNow);
        var to = from + Window;
        await Task.Delay(to - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5));
        Assert.All(nodes, n => Assert.False(n.HasExited, n.Output));

        var fired = await ScheduledFireTimesAsync(connectionString);
        var inWindow = fired.Where(t => t >= from && t < to).ToList();
        var perSecond = inWindow.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => $"{g.Key:O} x{g.Count()}").ToList();
        Assert.True(perSecond.Count == 0, "firings started more than once: " + string.Join(", ", perSecond));
        var expected = (int)Window.TotalSeconds;
        Assert.True(Math.Abs(inWindow.Count - expected) <= 1,
            $"{inWindow.Count} instances for the {expected} s from {from:O} (expected {expected} +-1):\n{string.Join("\n", inWindow.Order().Select(t => t.ToString("O")))}");
        // Started for whole seconds, as scheduled (a duplicate started late would still carry its own scheduled time).
        Assert.All(inWindow, t => Assert.Equal(0, t.Millisecond));
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, TimeSpan.Zero);

    /// <summary>The scheduled fire time each instance of the cron workflow was started for (one entry per instance).</summary>
    private static async Task<List<DateTimeOffset>> ScheduledFireTimesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""select "InputJson" from "WorkflowInstances" where "DefinitionId" = @d""", connection);
        command.Parameters.AddWithValue("d", DefinitionId);
        var times = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var text = JsonNode.Parse(reader.GetString(0))?["scheduledFireTime"]?.GetValue<string>();
            Assert.NotNull(text);
            times.Add(DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime());
        }
        return times;
    }

    /// <summary>The nodes that checked in to the cluster, once <paramref name="count"/> have.</summary>
    private static Task<List<string>> WaitForClusterMembersAsync(string connectionString, int count) =>
        Eventually.UntilAsync(() => ClusterMembersAsync(connectionString), members => members.Count >= count, TimeSpan.FromSeconds(60),
            members => $"{members.Count} of {count} nodes checked in: [{string.Join(", ", members)}]", TimeSpan.FromMilliseconds(250));

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
