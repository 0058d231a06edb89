namespace Workflows.Hosting.Bus;

/// <summary>Configuration section <c>Bus</c>.</summary>
public sealed record BusOptions(BusTransport Transport, RabbitMqOptions RabbitMq);
