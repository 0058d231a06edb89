using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Workflows.Hosting.Bus;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Dispatch;

/// <summary>
/// MassTransit wiring: one durable competing-consumer queue for runs and resumptions (every node takes work from
/// it, at most <see cref="WorkflowServerOptions.WorkerConcurrency"/> at a time, acknowledging each message once it has
/// claimed the instance), and one queue per node for cancel broadcasts (auto-deleted on RabbitMQ when the node goes).
/// <see cref="BusConsumption"/> watches both endpoints and <see cref="BusSupervisor"/> restarts one that stays down
/// while the broker answers.
/// </summary>
public static partial class WorkflowBus
{
    /// <summary>MassTransit's own health check; /health reports the bus through its probe instead, keeping its shape.</summary>
    public const string HealthCheckName = "masstransit-bus";

    internal static IServiceCollection AddWorkflowBus(this IServiceCollection services, BusOptions bus, WorkflowServerOptions options)
    {
        var nodeQueue = options.QueueName + "-node-" + UnsafeQueueCharacters().Replace(options.NodeId, "-");
        services.TryAddSingleton(bus);
        services.TryAddSingleton<BusProbe>();
        services.AddSingleton<BusConsumption>();
        services.AddSingleton<WorkerSlots>();
        services.AddSingleton<LocalDispatch>();
        services.AddMassTransit(x =>
        {
            x.ConfigureHealthCheckOptions(o => o.Name = HealthCheckName);
            x.AddConsumer<RunWorkflowInstanceConsumer>();
            x.AddConsumer<ResumeWorkflowInstanceConsumer>();
            x.AddConsumer<CancelRunningWorkflowInstanceConsumer>();

            if (bus.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var rabbit = bus.RabbitMq;
                    cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, "recipeci-" + options.NodeId, h =>
                    {
                        h.Username(rabbit.Username);
                        h.Password(rabbit.Password);
                    });
                    var consumption = context.GetRequiredService<BusConsumption>();
                    cfg.ReceiveEndpoint(options.QueueName, e =>
                    {
                        e.ConnectReceiveEndpointObserver(consumption);
                        ConfigureWork(e, context, options);
                    });
                    cfg.ReceiveEndpoint(nodeQueue, e =>
                    {
                        e.ConnectReceiveEndpointObserver(consumption);
                        e.AutoDelete = true;
                        e.Durable = false;
                        e.ConfigureConsumer<CancelRunningWorkflowInstanceConsumer>(context);
                    });
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.ReceiveEndpoint(options.QueueName, e => ConfigureWork(e, context, options));
                    cfg.ReceiveEndpoint(nodeQueue, e => e.ConfigureConsumer<CancelRunningWorkflowInstanceConsumer>(context));
                });
            }
        });
        services.AddSingleton(new WorkQueue(new Uri("queue:" + options.QueueName)));
        services.AddHostedService<BusSupervisor>();
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            // Runs still going after the shutdown deadline have had their leases expired: do not wait for them.
            o.StopTimeout = TimeSpan.FromSeconds(5);
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(2);
        });
        return services;
    }

    private static void ConfigureWork(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, WorkflowServerOptions options)
    {
        endpoint.PrefetchCount = options.WorkerConcurrency;
        endpoint.ConcurrentMessageLimit = options.WorkerConcurrency;
        // A busy instance (a resumption arriving while another worker holds it) is retried, and so is a database
        // hiccup; a delivery cancelled by a lost connection is not an error (the broker delivers it again).
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), options.LeaseDuration, options.LeaseDuration);
        });
        endpoint.ConfigureConsumer<RunWorkflowInstanceConsumer>(context);
        endpoint.ConfigureConsumer<ResumeWorkflowInstanceConsumer>(context);
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex UnsafeQueueCharacters();
}
