using Workflows.Core;
using Workflows.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TestKit;
using Workflows.Core.Activities;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Core.Runtime;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Stimuli;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;
using Workflows.TestActivities;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The workflow server's services (SQLite, in-memory bus, recovery sweep, timers, stimulus redelivery) in the test
/// process, with the engine's dispatcher wrapped by a <see cref="LossyDispatcher"/> that can lose messages as a crash
/// of the in-memory bus would.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _folder;

    private InProcessServer(IHost host, TempFolder folder)
    {
        _host = host;
        _folder = folder;
    }

    public IServiceProvider Services => _host.Services;
    public LossyDispatcher Dispatcher => Services.GetRequiredService<LossyDispatcher>();
    public IWorkflowInstanceStore Instances => Services.GetRequiredService<IWorkflowInstanceStore>();
    public IStimulusStore Stimuli => Services.GetRequiredService<IStimulusStore>();
    public StimulusSender StimulusSender => Services.GetRequiredService<StimulusSender>();
    public IWorkflowStarter Starter => Services.GetRequiredService<IWorkflowStarter>();

    public static async Task<InProcessServer> StartAsync(TimeSpan leaseDuration)
    {
        var folder = new TempFolder();
        var persistence = new PersistenceOptions(DatabaseProvider.Sqlite, PersistenceOptions.DefaultSqliteConnectionString(folder.Path));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddWorkflowPersistence(persistence);
        builder.Services.AddWorkflowsCore(registry => registry.Register<SlowStep>());
        builder.Services.AddWorkflowsHosting(hosting => hosting.UseServer(
            new WorkflowServerOptions { NodeId = "in-process", LeaseDuration = leaseDuration },
            new BusOptions(BusTransport.InMemory, new RabbitMqOptions("127.0.0.1", 5672, "/", "guest", "guest")),
            persistence));
        // Registered last, so the engine and the periodic services dispatch through it.
        builder.Services.AddSingleton(sp => new LossyDispatcher(sp.GetRequiredService<Workflows.Hosting.Dispatch.BusWorkflowDispatcher>()));
        builder.Services.AddSingleton<IWorkflowDispatcher>(sp => sp.GetRequiredService<LossyDispatcher>());
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessServer(host, folder);
    }

    public Task<StoredWorkflowDefinition> PublishAsync(string json) =>
        Services.GetRequiredService<WorkflowDefinitionService>().ImportAsync(json, "test.json", CancellationToken.None);

    public async Task<WorkflowInstanceRecord> WaitAsync(string instanceId, Func<WorkflowInstanceRecord, bool> condition, TimeSpan timeout) =>
        (await Eventually.UntilAsync(() => Instances.FindAsync(instanceId, CancellationToken.None), instance => instance is not null && condition(instance), timeout,
            instance => $"instance {instanceId} did not reach the expected state: {instance?.Status}/{instance?.SubStatus}", TimeSpan.FromMilliseconds(100)))!;

    public async Task<IReadOnlyList<WorkflowExecutionLogRecord>> JournalAsync(string instanceId) =>
        (await Instances.ListExecutionLogAsync(instanceId, new PageArgs(0, 1000), CancellationToken.None)).Items;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _folder.Dispose();
    }
}
