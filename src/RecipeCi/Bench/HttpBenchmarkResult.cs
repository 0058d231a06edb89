namespace RecipeCi.Bench;

/// <summary>Figures of one HTTP trigger benchmark run; latencies run from sending a request to its response, by which
/// time the instance row was committed (each one is read back to check).</summary>
public sealed record HttpBenchmarkResult(
    string Store,
    int Requests,
    int Concurrency,
    int WarmupRequests,
    double WarmupSeconds,
    bool JitSettled,
    int FailedRequests,
    double ElapsedSeconds,
    double RequestsPerSecond,
    double LatencyP50Milliseconds,
    double LatencyP99Milliseconds,
    double LatencyMaxMilliseconds,
    double JitMilliseconds,
    long JitMethods);
