using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>
/// What <c>recipeci bench engine</c> runs. A null connection string means a throw-away database. With
/// <see cref="NpgsqlReference"/> the same command also runs <see cref="NpgsqlReferenceBenchmark"/> (PostgreSQL only).
/// </summary>
public sealed record EngineBenchmarkOptions(
    DatabaseProvider Provider,
    string? ConnectionString,
    int Instances,
    int Activities,
    int Parallelism,
    int WarmupInstances,
    bool NpgsqlReference = false);
