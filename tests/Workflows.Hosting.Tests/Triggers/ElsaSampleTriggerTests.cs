using System.Net;
using Quartz;
using TestKit;
using Workflows.Core.Persistence;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>The Elsa-format corpus files with triggers register them when published on a (single-node, SQLite) server.</summary>
[Trait("Category", "Services")]
public class ElsaSampleTriggerTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "tests", "fixtures", "elsa-workflows", name));

    [Fact]
    public async Task Cron_http_and_timer_samples_register_their_triggers_when_published()
    {
        using var folder = new TempFolder("sample-triggers");
        await using var server = await TriggerTestServer.StartAsync(
            new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(folder.Path)), "sample-node");

        var cron = await server.PublishAsync(Sample("half-past-hourly.json"), "half-past-hourly.json");
        var http = await server.PublishAsync(Sample("http-ping.json"), "http-ping.json");
        var timer = await server.PublishAsync(Sample("five-minute-timer.json"), "five-minute-timer.json");

        Assert.Single(await server.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = cron.DefinitionId, Name = "Elsa.Cron" }, CancellationToken.None));
        Assert.Single(await server.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = http.DefinitionId, Name = "Elsa.HttpEndpoint" }, CancellationToken.None));
        Assert.Single(await server.Triggers.FindAsync(new TriggerFilter { WorkflowDefinitionId = timer.DefinitionId, Name = "Elsa.Timer" }, CancellationToken.None));

        var scheduler = await server.GetSchedulerAsync();
        var cronTrigger = Assert.IsAssignableFrom<ICronTrigger>(
            await scheduler.GetTrigger(new TriggerKey($"{cron.DefinitionId}/2c4e6a8b0d2f4a61", ScheduledTrigger.Group)));
        Assert.Equal("0 30 * * * ?", cronTrigger.CronExpressionString);
        var timerTrigger = Assert.IsAssignableFrom<ISimpleTrigger>(
            await scheduler.GetTrigger(new TriggerKey($"{timer.DefinitionId}/5e7a9c1d3f5b7d82", ScheduledTrigger.Group)));
        Assert.Equal(TimeSpan.FromMinutes(5), timerTrigger.RepeatInterval);

        // The HTTP file answers GET /workflows/status/ping (it writes no response: the server reports the finished instance).
        using var client = server.CreateClient();
        using var response = await client.GetAsync("workflows/status/ping");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await server.Instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = http.DefinitionId }, CancellationToken.None));

        // Retracting removes the schedule.
        await server.Definitions.RetractAsync(cron.DefinitionId, CancellationToken.None);
        await server.Reconciler.ReconcileNowAsync(CancellationToken.None);
        Assert.Null(await scheduler.GetTrigger(new TriggerKey($"{cron.DefinitionId}/2c4e6a8b0d2f4a61", ScheduledTrigger.Group)));
    }
}
