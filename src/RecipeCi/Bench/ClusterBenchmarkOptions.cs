using Workflows.Hosting.Bus;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>What <c>recipeci bench engine --nodes N --transport T</c> runs: server processes sharing one database and bus.</summary>
public sealed record ClusterBenchmarkOptions(
    int Nodes,
    BusTransport Transport,
    DatabaseProvider Provider,
    string? ConnectionString,
    Uri RabbitMq,
    int Instances,
    int Activities,
    int WorkerConcurrency,
    int Warmup);
