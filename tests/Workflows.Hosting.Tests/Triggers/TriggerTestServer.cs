using Workflows.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Triggers.Http;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>
/// One workflow server node on 127.0.0.1 as the composition root wires it (persistence, runtime, scheduling, HTTP
/// triggers) over a real database, plus a test-only authorization policy that checks an HMAC of the raw body.
/// </summary>
public sealed class TriggerTestServer : IAsyncDisposable
{
    public const string SignaturePolicy = "test-signature";

    private readonly WebApplication _app;

    private TriggerTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public WorkflowDefinitionService Definitions => Services.GetRequiredService<WorkflowDefinitionService>();

    public IWorkflowInstanceStore Instances => Services.GetRequiredService<IWorkflowInstanceStore>();

    public ITriggerStore Triggers => Services.GetRequiredService<ITriggerStore>();

    public ScheduleReconciler Reconciler => Services.GetRequiredService<ScheduleReconciler>();

    public Task<IScheduler> GetSchedulerAsync() => Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask();

    public static async Task<TriggerTestServer> StartAsync(PersistenceOptions persistence, string nodeId, long maxRequestBytes = HttpTriggerOptions.DefaultMaxRequestBytes)
    {
        var port = TestKit.FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();

        builder.Services.AddWorkflowPersistence(persistence);
        builder.Services.AddWorkflowsHosting(hosting => hosting
            .UseServer(
                new WorkflowServerOptions { NodeId = nodeId },
                new BusOptions(BusTransport.InMemory, new RabbitMqOptions("127.0.0.1", 5672, "/", "guest", "guest")),
                persistence)
            .UseScheduling(new SchedulerOptions
            {
                ClusterConnectionString = persistence.Provider == DatabaseProvider.PostgreSql ? persistence.ConnectionString : null,
                InstanceId = nodeId,
                ReconcileInterval = TimeSpan.FromSeconds(2),
                CheckinInterval = TimeSpan.FromSeconds(2),
            })
            .UseHttpTriggers(new HttpTriggerOptions { MaxRequestBytes = maxRequestBytes }));
        builder.Services.AddSingleton<IAuthorizationHandler, SignatureRequirementHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignaturePolicy, policy => policy.AddRequirements(new SignatureRequirement(SignatureRequirementHandler.Secret)));

        var app = builder.Build();
        app.MapWorkflowsHosting();
        await app.StartAsync();
        return new TriggerTestServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Imports and publishes a definition file, then syncs the schedule (as the periodic pass would).</summary>
    public async Task<StoredWorkflowDefinition> PublishAsync(string json, string fileName)
    {
        var published = await Definitions.ImportAsync(json, fileName, CancellationToken.None);
        await Reconciler.ReconcileNowAsync(CancellationToken.None);
        return published;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
