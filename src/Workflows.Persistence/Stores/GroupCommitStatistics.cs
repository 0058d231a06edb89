namespace Workflows.Persistence.Stores;

/// <summary>
/// What group commit did so far: groups flushed, the commits they held and the time spent flushing them (one flush
/// runs at a time, so this is also how long the flush loop was busy). Benchmarks subtract two snapshots.
/// </summary>
public sealed record GroupCommitStatistics(long Groups, long Commits, TimeSpan FlushTime)
{
    public double AverageGroupSize => Groups == 0 ? 0 : (double)Commits / Groups;

    public double AverageFlushMilliseconds => Groups == 0 ? 0 : FlushTime.TotalMilliseconds / Groups;

    public GroupCommitStatistics Since(GroupCommitStatistics earlier) =>
        new(Groups - earlier.Groups, Commits - earlier.Commits, FlushTime - earlier.FlushTime);
}
