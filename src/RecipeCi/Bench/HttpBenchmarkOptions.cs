using Workflows.Persistence.Configuration;

namespace RecipeCi.Bench;

/// <summary>
/// What <c>recipeci bench http</c> measures: N requests, C at a time, on one store, after a warm-up of at least
/// <paramref name="Warmup"/> requests that goes on, in rounds of as many, until the JIT is quiet or
/// <paramref name="Settle"/> has passed (<see cref="TimeSpan.Zero"/>: no more than <paramref name="Warmup"/>).
/// </summary>
public sealed record HttpBenchmarkOptions(DatabaseProvider Provider, string? ConnectionString, int Requests, int Concurrency, int Warmup,
    TimeSpan Settle);
