namespace RecipeCi.Bench;

/// <summary>
/// What <c>recipeci bench start</c> measures: <paramref name="Rounds"/> starts of <c>serve</c>, each on a fresh data
/// folder (a new SQLite database), from <paramref name="WorkingDirectory"/> (where <c>workflows/</c> is imported from, as
/// for a user's <c>serve</c>); <paramref name="Executable"/> is another build to start instead of this one.
/// </summary>
public sealed record StartBenchmarkOptions(int Rounds, string WorkingDirectory, string? Executable, TimeSpan Timeout);
