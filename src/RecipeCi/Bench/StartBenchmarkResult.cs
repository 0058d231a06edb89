namespace RecipeCi.Bench;

/// <summary>One start of <c>serve</c>: wall time from process start to its first <c>/health</c> answer (any status) and
/// to its first 200, the server's CPU time at that 200, and the machine's load average then.</summary>
public sealed record StartRound(double FirstAnswerMilliseconds, int FirstAnswerStatus, double HealthyMilliseconds, double CpuMilliseconds, double LoadAverage);

/// <summary>The figures of <c>recipeci bench start</c>: every round and the medians.</summary>
public sealed record StartBenchmarkResult(
    string Build,
    IReadOnlyList<StartRound> Rounds,
    double MedianFirstAnswerMilliseconds,
    double MedianHealthyMilliseconds,
    double MedianCpuMilliseconds);
