using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using Quartz.Extensibility;
using TestKit;
using Workflows.Core.Persistence;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// A cron firing handed out more than once (a re-fire of the same scheduled time, or two nodes racing on a
/// recovered trigger) starts one instance and fails no execution: the store's create-only commit refuses the
/// duplicates and the job takes that as "already started".
/// </summary>
[Trait("Category", "Services")]
public class TriggerJobDuplicateFiringTests
{
    [Fact]
    public async Task The_same_firing_executed_many_times_at_once_and_again_later_starts_one_instance_and_never_throws()
    {
        using var folder = new TempFolder();
        await using var server = await TriggerTestServer.StartAsync(
            new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(folder.Path)), "dup-node");
        // A schedule that never fires by itself within the test: every firing below is made by hand.
        var definition = await server.PublishAsync(TriggerWorkflows.Cron("yearly", "0 0 0 1 1 ?"), "yearly.json");
        var starter = server.Services.GetRequiredService<IWorkflowStarter>();
        var detail = JobBuilder.Create<WorkflowTriggerJob>()
            .WithIdentity("dup-test")
            .UsingJobData(WorkflowTriggerJob.DefinitionIdKey, definition.DefinitionId)
            .UsingJobData(WorkflowTriggerJob.DefinitionVersionIdKey, definition.Id)
            .UsingJobData(WorkflowTriggerJob.ActivityIdKey, "cron1")
            .Build();
        var scheduled = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        async Task FireAsync(DateTimeOffset firedAt)
        {
            var job = new WorkflowTriggerJob(starter, NullLogger<WorkflowTriggerJob>.Instance);
            var context = JobExecutionContextBuilder.For(job).WithJob(detail).FiredAt(firedAt, scheduled).Build();
            await job.Execute(context, CancellationToken.None);
        }

        // Eight executions race past each other, then a late re-fire of the same scheduled time.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => FireAsync(scheduled.AddMilliseconds(i))));
        await FireAsync(scheduled.AddSeconds(7));

        var instances = await server.Instances.ListAsync(
            new WorkflowInstanceFilter { DefinitionId = definition.DefinitionId }, new PageArgs(0, 100), CancellationToken.None);
        var instance = Assert.Single(instances.Items);
        Assert.Equal(WorkflowTriggerJob.FiringInstanceId(definition.DefinitionId, "cron1", scheduled), instance.Id);
    }
}
