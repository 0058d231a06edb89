namespace Workflows.Core.Persistence;

/// <summary>0-based paging, as Elsa's REST API.</summary>
public sealed record PageArgs(int Page, int PageSize)
{
    public int Skip => Math.Max(0, Page) * PageSize;
    public static PageArgs All { get; } = new(0, int.MaxValue);

    /// <summary>This page of a list already filtered and ordered in memory; the total is the whole list's count.</summary>
    public Page<T> Of<T>(IReadOnlyList<T> all) => new(all.Skip(Skip).Take(PageSize).ToList(), all.Count);
}
