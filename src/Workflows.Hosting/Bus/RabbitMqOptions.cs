namespace Workflows.Hosting.Bus;

/// <summary>Configuration section <c>Bus:RabbitMq</c>.</summary>
public sealed record RabbitMqOptions(string Host, int Port, string VirtualHost, string Username, string Password);
