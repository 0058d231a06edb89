using RabbitMQ.Client;

namespace Workflows.Hosting.Bus;

/// <summary>
/// The health check's view of the bus: the broker answers a fresh connection and this node consumes from every one
/// of its queues (a node connected but not consuming is as unhealthy as one that cannot connect).
/// </summary>
public sealed class BusProbe(BusOptions options, BusConsumption? consumption = null)
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (options.Transport == BusTransport.InMemory) return;
        await ConnectAsync(cancellationToken);
        if (consumption is { IsConsuming: false })
            throw new InvalidOperationException("the broker answers but this node is " + consumption.Describe());
    }

    /// <summary>True when a fresh connection to the broker succeeds.</summary>
    public async Task<bool> BrokerAnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var rabbit = options.RabbitMq;
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host,
            Port = rabbit.Port,
            VirtualHost = rabbit.VirtualHost,
            UserName = rabbit.Username,
            Password = rabbit.Password,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        await using var connection = await factory.CreateConnectionAsync("recipeci-health", cancellationToken);
    }
}
