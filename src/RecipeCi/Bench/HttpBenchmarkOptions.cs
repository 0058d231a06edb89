using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>What <c>recipeci bench http</c> measures: N requests, C at a time, after a warm-up, on one store.</summary>
public sealed record HttpBenchmarkOptions(DatabaseProvider Provider, string? ConnectionString, int Requests, int Concurrency, int Warmup);
