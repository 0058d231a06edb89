using Workflows.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflows.Core.Activities;
using Workflows.Core.Expressions;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Dispatch;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Recovery;
using Workflows.Hosting.Stimuli;
using Workflows.Hosting.Api.Instances;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Runtime;

/// <summary>
/// The durable workflow server: engine, bus dispatch, locks and leases, recovery sweep, timer scheduler, folder
/// import, graceful shutdown and the run API. Call after <c>AddWorkflowPersistence</c> (its migrations must run
/// first). Activity sets are added with <c>AddWorkflowsCore</c>, in any order: there is one registry.
/// </summary>
internal static class WorkflowServerExtensions
{
    public static IServiceCollection AddWorkflowServer(this IServiceCollection services, WorkflowServerOptions options, BusOptions bus, PersistenceOptions persistence)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddWorkflowsCore();
        if (options.TestActivities)
            services.AddWorkflowsCore(TestActivityAssembly.Register);
        // One C# and one Liquid evaluator per server: what validation (import, publish) compiles, the runs reuse.
        services.TryAddSingleton(_ => new CSharpEvaluator());
        services.TryAddSingleton(_ => new LiquidEvaluator());
        services.TryAddSingleton<WorkflowValidator>();
        services.TryAddSingleton<TriggerIndexer>();
        services.TryAddSingleton<WorkflowDefinitionService>();
        services.TryAddSingleton<TriggerIndexRepair>();

        services.AddSingleton<IWorkflowLocks>(_ => persistence.Provider == DatabaseProvider.PostgreSql
            ? new PostgresWorkflowLocks(persistence.ConnectionString)
            : new InProcessWorkflowLocks());
        services.AddSingleton<InstanceLeases>();
        services.AddSingleton<RunningInstances>();
        services.AddSingleton<ServerShutdown>();
        services.AddSingleton<RecoveryMetrics>();
        services.AddSingleton<BusWorkflowDispatcher>();
        services.AddSingleton<IWorkflowDispatcher>(sp => sp.GetRequiredService<BusWorkflowDispatcher>());
        services.AddSingleton<StimulusDelivery>();
        services.AddSingleton<StimulusSender>();
        services.AddSingleton<IWriteLineSink, LoggerWriteLineSink>();
        services.AddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<ActivityRegistry>(),
            sp.GetRequiredService<IWorkflowDefinitionStore>(),
            sp.GetRequiredService<IWorkflowInstanceStore>(),
            sp.GetRequiredService<IBookmarkStore>(),
            new WorkflowEngineServices
            {
                Dispatcher = sp.GetRequiredService<IWorkflowDispatcher>(),
                Lines = sp.GetRequiredService<IWriteLineSink>(),
                Triggers = sp.GetService<ITriggerStore>(),
                ServiceProvider = sp,
                JavaScript = sp.GetService<JavaScriptOptions>() ?? new JavaScriptOptions(),
                CSharp = sp.GetRequiredService<CSharpEvaluator>(),
                Liquid = sp.GetRequiredService<LiquidEvaluator>(),
                WorkerId = options.NodeId,
                Clock = new SystemWorkflowClock(sp.GetRequiredService<TimeProvider>()),
                CommitBeforeExecute = true,
                Logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Workflows.Core.Runtime.ActivityInvoker"),
            }));
        services.AddSingleton<InstanceRunner>();
        services.AddSingleton<WorkflowStarter>();
        services.AddSingleton<IWorkflowStarter>(sp => sp.GetRequiredService<WorkflowStarter>());
        services.AddSingleton<WorkflowCanceller>();
        services.AddSingleton<WorkflowRetrier>();

        services.AddHostedService<WorkflowFolderImportService>();
        services.AddWorkflowBus(bus, options);
        services.AddHostedService<RecoverySweepService>();
        services.AddHostedService<TimerSchedulerService>();
        services.AddHostedService<StimulusRedeliveryService>();
        // Registered after the bus: hosted services stop in reverse order, so runs wind down before the bus stops.
        services.AddHostedService<GracefulShutdownService>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownDeadline + TimeSpan.FromSeconds(15));
        return services;
    }

    /// <summary>Maps the run API under <c>/elsa/api</c> (same authorization as the rest of the Elsa API).</summary>
    public static IEndpointRouteBuilder MapWorkflowServer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWorkflowRunApi();
        return endpoints;
    }
}
