using RabbitMQ.Client;

namespace Workflows.Hosting.Bus;

/// <summary>Checks that the configured transport is reachable: the health check's view of the bus.</summary>
public sealed class BusProbe(BusOptions options)
{
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        if (options.Transport == BusTransport.InMemory) return;
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
