using Workflows.Core.Persistence;

namespace Workflows.Persistence.Stores;

internal static class QueryableExtensions
{
    /// <summary>Applies 0-based paging; <see cref="PageArgs.All"/> adds no LIMIT.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> query, PageArgs paging)
    {
        if (paging.Skip > 0)
        {
            query = query.Skip(paging.Skip);
        }
        return paging.PageSize == int.MaxValue ? query : query.Take(Math.Max(0, paging.PageSize));
    }

    /// <summary>Case-insensitive substring match that translates on SQLite and PostgreSQL alike.</summary>
    public static string ToSearchPattern(this string term) => term.ToLowerInvariant();
}
