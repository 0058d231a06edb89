using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// One page of <paramref name="ordered"/> and the number of rows of <paramref name="filtered"/> (the same rows,
    /// unordered). The total costs a COUNT only when the page cannot tell it: a page short of its size ends the list, so
    /// the total is the rows before it plus those it holds. A listing of everything, and most first pages, are one query.
    /// </summary>
    public static async Task<(List<T> Items, long Total)> PageWithTotalAsync<T>(this IQueryable<T> filtered, IQueryable<T> ordered,
        PageArgs paging, CancellationToken cancellationToken)
    {
        var items = await ordered.Page(paging).ToListAsync(cancellationToken);
        // Past the end (an empty page after the first) says nothing of where the end is.
        var endsTheList = items.Count < paging.PageSize && (items.Count > 0 || paging.Skip == 0);
        var total = endsTheList ? paging.Skip + items.Count : await filtered.LongCountAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>Case-insensitive substring match that translates on SQLite and PostgreSQL alike.</summary>
    public static string ToSearchPattern(this string term) => term.ToLowerInvariant();
}
