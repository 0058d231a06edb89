using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Hosting.Api;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;
using Workflows.Hosting.Security;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Triggers.Http;
using Workflows.Hosting.Triggers.Scheduling;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting;

/// <summary>
/// Chooses the parts of the engine as a service, as Elsa's module builder does: the durable server (engine, bus,
/// leases, recovery), Cron and Timer scheduling, HTTP endpoint triggers, Studio and the Elsa REST API. A host takes
/// only the parts it needs; <see cref="WorkflowsHostingServiceCollectionExtensions.MapWorkflowsHosting"/> then maps the
/// endpoints of the parts taken.
/// </summary>
public sealed class WorkflowsHostingBuilder
{
    private readonly IServiceCollection _services;
    private WorkflowsHostingParts _parts = new();

    internal WorkflowsHostingBuilder(IServiceCollection services) => _services = services;

    internal WorkflowsHostingParts Parts => _parts;

    /// <summary>
    /// The durable server: engine, bus dispatch, locks and leases, recovery sweep, timers, folder import, graceful
    /// shutdown and the run API (mapped with the Elsa API). Needs the workflow stores (<c>AddWorkflowPersistence</c>).
    /// </summary>
    public WorkflowsHostingBuilder UseServer(WorkflowServerOptions options, BusOptions bus, PersistenceOptions persistence)
    {
        _services.AddWorkflowServer(options, bus, persistence);
        _parts = _parts with { Server = true };
        return this;
    }

    /// <summary>Cron and Timer triggers on Quartz (clustered on PostgreSQL when the options name a database).</summary>
    public WorkflowsHostingBuilder UseScheduling(SchedulerOptions options)
    {
        _services.AddWorkflowScheduling(options);
        return this;
    }

    /// <summary>HTTP endpoint triggers under <see cref="HttpTriggerOptions.BasePath"/>.</summary>
    public WorkflowsHostingBuilder UseHttpTriggers(HttpTriggerOptions options)
    {
        _services.AddWorkflowHttpTriggers(options);
        _parts = _parts with { HttpTriggers = true };
        return this;
    }

    /// <summary>Elsa Studio under <c>/studio</c> (bundle from <c>Studio:BundlePath</c>) with the API-key and session security.</summary>
    public WorkflowsHostingBuilder UseStudio(IConfiguration configuration, StudioSecurityOptions security)
    {
        _services.AddStudio(configuration, security);
        _parts = _parts with { Studio = true };
        return this;
    }

    /// <summary>The subset of Elsa's REST API that Studio uses, under <c>/elsa/api</c>; needs <see cref="UseStudio"/> for its security.</summary>
    public WorkflowsHostingBuilder UseElsaApi()
    {
        _services.AddElsaApi();
        _parts = _parts with { ElsaApi = true };
        return this;
    }
}
