namespace Workflows.Core.Persistence;

/// <summary>0-based paging, as Elsa's REST API.</summary>
public sealed record PageArgs(int Page, int PageSize)
{
    public int Skip => Math.Max(0, Page) * PageSize;
    public static PageArgs All { get; } = new(0, int.MaxValue);
}
