using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TestKit;
using Workflows.Core.Persistence;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The trigger index is derived from the published versions, written after them in a transaction of its own. A server
/// killed between the two writes (or a release that indexes triggers differently) leaves a published workflow whose
/// webhook route is missing, or a route to a version that is no longer published. The next start must put the index
/// right, even though the workflow files themselves did not change.
/// </summary>
public sealed class TriggerIndexRepairTests
{
    private const string DefinitionId = "http-heal";

    private static string Definition() =>
        ServerWorkflows.HttpTriggered(DefinitionId, "http-heal", ServerWorkflows.WriteHttpResponse("respond", 200, "({ healed: true })"));

    [Fact]
    public async Task A_start_rebuilds_the_triggers_a_crash_lost_and_drops_those_of_a_definition_no_longer_published()
    {
        await using var cluster = ServerCluster.CreateSqlite();
        cluster.AddWorkflow(DefinitionId, Definition());
        var node = await cluster.StartNodeAsync("node-a");
        using (var first = await PostAsync(node))
            Assert.Equal(System.Net.HttpStatusCode.OK, first.StatusCode);
        await node.KillAsync();

        // What a kill between a publish's two writes leaves: the version is published, its triggers are not there. And a
        // trigger of a definition that is no longer published (a retract killed half-way) holds the route instead.
        await using (var services = Persistence(cluster))
        {
            var store = services.GetRequiredService<ITriggerStore>();
            var indexed = await store.FindAsync(new TriggerFilter { WorkflowDefinitionId = DefinitionId }, CancellationToken.None);
            Assert.Single(indexed);
            await store.ReplaceAsync(DefinitionId, [], CancellationToken.None);
            await store.ReplaceAsync("gone", [indexed[0] with { Id = "orphan", WorkflowDefinitionId = "gone", WorkflowDefinitionVersionId = "gone-v1" }], CancellationToken.None);
        }

        node = await cluster.StartNodeAsync("node-a");
        using var answer = await PostAsync(node);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.IsSuccessStatusCode, $"POST /workflows/http-heal answered {(int)answer.StatusCode}: {body}\n{node.Output}");
        Assert.True(JsonNode.Parse(body)!["healed"]!.GetValue<bool>());
        Assert.Contains("trigger index", node.Output);
        await node.KillAsync();

        await using (var services = Persistence(cluster))
        {
            var all = await services.GetRequiredService<ITriggerStore>().FindAsync(new TriggerFilter(), CancellationToken.None);
            var trigger = Assert.Single(all);
            Assert.Equal(DefinitionId, trigger.WorkflowDefinitionId);
        }
    }

    private static Task<HttpResponseMessage> PostAsync(ServerNode node) =>
        node.Client.PostAsync("workflows/http-heal", new StringContent("{\"n\":1}", System.Text.Encoding.UTF8, "application/json"));

    private static ServiceProvider Persistence(ServerCluster cluster) =>
        new ServiceCollection().AddWorkflowPersistence(new PersistenceOptions(DatabaseProvider.Sqlite,
            PersistenceOptions.DefaultSqliteConnectionString(Path.Combine(cluster.Folder.Path, "data")))).BuildServiceProvider();
}
