namespace Workflows.Hosting.Bus;

/// <summary>How work is dispatched between nodes.</summary>
public enum BusTransport
{
    /// <summary>In-process, single node (the embedded default).</summary>
    InMemory,

    /// <summary>RabbitMQ, for several nodes.</summary>
    RabbitMq,
}
