namespace Workflows.Persistence.Retention;

/// <summary>How long finished instances (and their journals) are kept, and how often the sweep runs.</summary>
public sealed record RetentionOptions
{
    public TimeSpan RetainFinishedFor { get; init; } = TimeSpan.FromDays(30);
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromHours(1);
    public int BatchSize { get; init; } = 500;
}
