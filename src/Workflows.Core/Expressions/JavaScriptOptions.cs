namespace Workflows.Core.Expressions;

/// <summary>Sandbox limits for JavaScript expressions.</summary>
public sealed record JavaScriptOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public long MemoryLimitBytes { get; init; } = 32 * 1024 * 1024;
    public int RecursionLimit { get; init; } = 256;
    public int MaxStatements { get; init; } = 1_000_000;
}
