using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Definitions;

/// <summary>
/// The query of <c>GET /workflow-definitions</c>. Studio's Refit client sends C# property names (<c>DefinitionIds=a&amp;DefinitionIds=b</c>,
/// <c>Page=0</c>, <c>OrderBy=Version</c>); keys are matched case-insensitively. Paging is 0-based.
/// </summary>
public sealed record DefinitionListQuery(
    VersionOptions VersionOptions,
    WorkflowDefinitionFilter Filter,
    PageArgs Paging,
    bool OnlySystem)
{
    public static (DefinitionListQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        if (!VersionOptions.TryParse(query["versionOptions"], VersionOptions.Latest, out var versionOptions))
            return (null, $"'{query["versionOptions"]}' is not a version option.");

        var orderByText = query["orderBy"].ToString();
        var order = WorkflowDefinitionOrder.Name;
        if (orderByText.Length > 0 && !Enum.TryParse(orderByText, ignoreCase: true, out order))
            return (null, $"'{orderByText}' is not an order (Created, Name or Version).");
        var directionText = query["orderDirection"].ToString();
        // Elsa orders by name ascending when nothing is asked, and descending when only a column is given.
        var descending = orderByText.Length > 0;
        if (directionText.Length > 0)
        {
            if (directionText.Equals("Ascending", StringComparison.OrdinalIgnoreCase)) descending = false;
            else if (directionText.Equals("Descending", StringComparison.OrdinalIgnoreCase)) descending = true;
            else return (null, $"'{directionText}' is not an order direction (Ascending or Descending).");
        }

        if (!TryReadInt(query, "page", 0, out var page) || page < 0)
            return (null, "Page must be a number from 0.");
        if (!TryReadInt(query, "pageSize", int.MaxValue, out var pageSize) || pageSize < 1)
            return (null, "PageSize must be a number from 1.");

        var filter = new WorkflowDefinitionFilter
        {
            DefinitionIds = Values(query, "definitionIds"),
            Ids = Values(query, "ids"),
            SearchTerm = NullIfEmpty(query["searchTerm"].ToString()),
            OrderBy = order,
            Descending = descending,
        };
        var onlySystem = bool.TryParse(query["isSystem"], out var isSystem) && isSystem;
        // Without a page size everything is one page (and page*pageSize cannot overflow).
        var paging = pageSize == int.MaxValue ? PageArgs.All : new PageArgs(page, pageSize);
        return (new DefinitionListQuery(versionOptions, versionOptions.Narrow(filter), paging, onlySystem), null);
    }

    private static IReadOnlyCollection<string>? Values(IQueryCollection query, string key)
    {
        var values = query[key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        return values.Count == 0 ? null : values;
    }

    private static bool TryReadInt(IQueryCollection query, string key, int fallback, out int value)
    {
        var text = query[key].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, out value);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
