using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Workflows.Hosting.Triggers.Scheduling.Postgres;

namespace Workflows.Hosting.Triggers.Scheduling;

internal static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Schedules the published Cron and Timer triggers with Quartz: the in-memory store for one node, or (with
    /// <see cref="SchedulerOptions.ClusterConnectionString"/>) the clustered ADO store on PostgreSQL, whose tables are
    /// created at start. Needs the trigger store and an <c>IWorkflowStarter</c>.
    /// </summary>
    public static IServiceCollection AddWorkflowScheduling(this IServiceCollection services, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScheduledTriggerSource>();
        services.AddSingleton<ScheduleSynchronizer>();
        services.AddTransient<WorkflowTriggerJob>();

        if (options.Clustered)
        {
            // Registered before Quartz's hosted service, so the tables exist when the scheduler first reads them.
            services.AddSingleton<QuartzSchemaMigrator>();
            services.AddHostedService<QuartzSchemaHostedService>();
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = options.SchedulerName;
                if (options.InstanceId is { } id)
                {
                    scheduler.InstanceId = id;
                    scheduler.GenerateInstanceId = false;
                }
                else
                {
                    scheduler.GenerateInstanceId = true;
                }
            });
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            if (options.Clustered)
            {
                quartz.UsePersistentStore(store =>
                {
                    // The factory itself, not the driver's type name: Quartz resolves no type names in a trimmed publish.
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, options.ClusterConnectionString!);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = options.CheckinInterval;
                        cluster.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                    });
                    store.ConfigureStore(ado =>
                    {
                        ado.MisfireThreshold = options.MisfireThreshold;
                        // Job data are plain strings: readable in the table and immune to serializer changes.
                        ado.StoreJobDataAsStrings = true;
                    });
                });
            }
            else
            {
                quartz.UseInMemoryStore(memory => memory.MisfireThreshold = options.MisfireThreshold);
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);

        services.AddSingleton<ScheduleReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleReconciler>());
        return services;
    }
}
