using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using TestKit;
using Xunit.Abstractions;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// Two real nodes on PostgreSQL and a private RabbitMQ node that the test stops (<c>rabbitmqctl stop_app</c>) while
/// runs are inside steps, waiting on a Delay, waiting on a child, and while new runs are started: after the broker
/// returns every run finishes exactly once within a lease and a minute, nothing is left in an <c>_error</c> queue,
/// and <c>/health</c> reports the bus down during the outage and up again within 5 s of its return.
/// </summary>
[Trait("Category", "Services")]
public sealed class BrokerOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan HealthRecovery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FinishAfterReturn = TimeSpan.FromSeconds(ServerCluster.LeaseSeconds + 60);

    /// <summary>
    /// One cluster through both outages (the second also checks that recovery does not slow down after the first:
    /// MassTransit's own reconnect back-off keeps growing across outages).
    /// </summary>
    [Fact]
    public async Task Broker_outages_of_20_and_70_seconds_with_runs_in_flight_on_two_nodes_wedge_nothing()
    {
        await using var rabbit = await PrivateRabbitMq.StartAsync("outage");
        await using var cluster = await ServerCluster.CreatePostgresAsync("outage",
            ["--Docker:Endpoint", TestEnvironment.DockerEndpoint.ToString()], rabbit.Uri);
        cluster.AddWorkflow("steps", ServerWorkflows.SlowSteps("steps", 8, 1000));
        cluster.AddWorkflow("short", ServerWorkflows.SlowSteps("short", 2, 300));
        cluster.AddWorkflow("delayed", ServerWorkflows.Chain("delayed",
            ServerWorkflows.SlowStep("before", 100), ServerWorkflows.Delay("wait", TimeSpan.FromSeconds(6)), ServerWorkflows.SlowStep("after", 100)));
        cluster.AddWorkflow("parent", ServerWorkflows.Chain("parent",
            ServerWorkflows.SlowStep("first", 100), ServerWorkflows.DispatchAndWait("child", "steps"), ServerWorkflows.SlowStep("last", 100)));
        // Both at once: a cold start takes long on a loaded machine.
        var starting = new[] { cluster.StartNodeAsync("node-a"), cluster.StartNodeAsync("node-b") };
        var a = await starting[0];
        var b = await starting[1];
        Assert.Equal("ok", await BusHealthAsync(a));
        Assert.Equal("ok", await BusHealthAsync(b));

        foreach (var outage in new[] { TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(70) })
            await OutageAsync(rabbit, a, b, outage);
    }

    private async Task OutageAsync(PrivateRabbitMq rabbit, ServerNode a, ServerNode b, TimeSpan outage)
    {
        var runs = new List<(string Id, string[] Steps)>();
        foreach (var node in new[] { a, b })
        {
            for (var i = 0; i < 3; i++)
                runs.Add((await node.DispatchAsync("steps"), StepIds(8)));
            runs.Add((await node.DispatchAsync("delayed"), ["before", "wait", "after"]));
            runs.Add((await node.DispatchAsync("parent"), ["first", "child", "last"]));
        }
        // In flight: inside steps on both nodes, a Delay due during the outage, children still running.
        await a.WaitForJournalAsync(runs[0].Id, r => r["eventName"]!.GetValue<string>() == "Completed" && r["activityId"]?.GetValue<string>() == "step1",
            TimeSpan.FromSeconds(30));

        await rabbit.StopAppAsync();
        try
        {
            await DuringOutageAsync(a, b, runs, outage);
        }
        finally
        {
            // Back even when the test failed during the outage, so the cluster can clean up its queue.
            await rabbit.StartAppAsync();
        }
        var returned = Stopwatch.StartNew();
        foreach (var node in new[] { a, b })
            await WaitForBusHealthAsync(node, h => h == "ok", HealthRecovery - returned.Elapsed, "did not report the bus healthy within 5 s of its return");
        output.WriteLine($"both nodes healthy {returned.Elapsed.TotalSeconds:0.0} s after the broker's return");
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(b)).Status);

        foreach (var (id, steps) in runs)
        {
            var instance = await a.WaitFinishedAsync(id, FinishAfterReturn - returned.Elapsed + TimeSpan.FromSeconds(1), b.Output);
            Assert.Equal("Finished", instance["subStatus"]!.GetValue<string>());
            JournalAssertions.CompletedExactlyOnce(await a.JournalAsync(id), id, steps);
        }
        output.WriteLine($"all {runs.Count} runs finished {returned.Elapsed.TotalSeconds:0.0} s after the broker's return");

        var queues = await rabbit.ListQueuesAsync();
        var parked = queues.Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal)).ToList();
        Assert.True(parked.All(q => q.Messages == 0), "messages parked: " + string.Join(", ", parked.Select(q => $"{q.Name}={q.Messages}")));
        // Each node consumes again from its own cancel queue, declared anew after the outage.
        Assert.Contains(queues, q => q.Name.EndsWith("-node-node-a", StringComparison.Ordinal));
        Assert.Contains(queues, q => q.Name.EndsWith("-node-node-b", StringComparison.Ordinal));
    }

    /// <summary>Starts runs while the broker is down and watches both nodes report the bus unhealthy until it returns.</summary>
    private async Task DuringOutageAsync(ServerNode a, ServerNode b, List<(string Id, string[] Steps)> runs, TimeSpan outage)
    {
        var stopped = Stopwatch.StartNew();
        output.WriteLine($"broker stopped for {outage.TotalSeconds:0} s");
        // Started while the broker is down: committed at once, dispatched once it is back.
        foreach (var node in new[] { a, b })
            runs.Add((await DispatchWithinAsync(node, "short", TimeSpan.FromSeconds(10)), StepIds(2)));
        foreach (var node in new[] { a, b })
            await WaitForBusHealthAsync(node, h => h != "ok", outage - stopped.Elapsed, "reported the bus healthy during the outage");
        output.WriteLine($"both nodes reported the bus down {stopped.Elapsed.TotalSeconds:0.0} s into the outage");
        var rest = outage - stopped.Elapsed;
        if (rest > TimeSpan.Zero)
            await Task.Delay(rest);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(a)).Status);
        Assert.NotEqual("ok", await BusHealthAsync(b));
    }

    private static string[] StepIds(int count) => Enumerable.Range(1, count).Select(i => $"step{i}").ToArray();

    /// <summary>Dispatches through the API, which must answer (committed instance) within <paramref name="bound"/> whatever the bus does.</summary>
    private static async Task<string> DispatchWithinAsync(ServerNode node, string definitionId, TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        var id = await node.DispatchAsync(definitionId);
        Assert.True(watch.Elapsed < bound, $"dispatch during the outage took {watch.Elapsed.TotalSeconds:0.0} s");
        return id;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> HealthAsync(ServerNode node)
    {
        using var response = await node.Client.GetAsync("health");
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(body));
    }

    private static async Task<string> BusHealthAsync(ServerNode node)
    {
        var (status, body) = await HealthAsync(node);
        var bus = body?["checks"]?["bus"]?.GetValue<string>() ?? "(none)";
        // The overall status follows the checks: 200 exactly when every check (bus included) is ok.
        Assert.Equal(body?["status"]?.GetValue<string>() == "ok" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, status);
        return bus;
    }

    private static Task WaitForBusHealthAsync(ServerNode node, Func<string, bool> predicate, TimeSpan within, string failure) =>
        Eventually.UntilAsync(() => BusHealthAsync(node), predicate, within > TimeSpan.Zero ? within : TimeSpan.Zero,
            bus => $"{node.NodeId} {failure} (bus: {bus})\n--- {node.NodeId} ---\n{node.Output}", TimeSpan.FromMilliseconds(200));
}
