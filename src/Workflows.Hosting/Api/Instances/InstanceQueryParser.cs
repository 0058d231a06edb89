using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Reads the query of <c>GET /workflow-instances</c>: definitionId, correlationId, statuses and subStatuses (repeated
/// or comma-separated), hasIncidents, searchTerm (or search), createdAfter/createdBefore (ISO 8601), orderBy
/// (CreatedAt, UpdatedAt, FinishedAt), orderDirection (Ascending/Descending), 0-based page and pageSize.
/// </summary>
public static class InstanceQueryParser
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static bool TryParse(IQueryCollection query, out WorkflowInstanceFilter filter, out PageArgs paging, out string? problem)
    {
        filter = new WorkflowInstanceFilter();
        paging = new PageArgs(0, DefaultPageSize);
        problem = null;
        var statuses = ParseEnums<WorkflowStatus>(query, "statuses", ref problem) ?? ParseEnums<WorkflowStatus>(query, "status", ref problem);
        var subStatuses = ParseEnums<WorkflowSubStatus>(query, "subStatuses", ref problem) ?? ParseEnums<WorkflowSubStatus>(query, "subStatus", ref problem);
        bool? hasIncidents = null;
        if (query["hasIncidents"].ToString() is { Length: > 0 } incidents)
        {
            if (bool.TryParse(incidents, out var value)) hasIncidents = value;
            else problem ??= $"hasIncidents '{incidents}' is not allowed; use true or false.";
        }
        var createdAfter = ParseTime(query, "createdAfter", ref problem);
        var createdBefore = ParseTime(query, "createdBefore", ref problem);
        var order = WorkflowInstanceOrder.CreatedAt;
        if (query["orderBy"].ToString() is { Length: > 0 } orderBy && !Enum.TryParse(orderBy, ignoreCase: true, out order))
            problem ??= $"orderBy '{orderBy}' is not allowed; use {string.Join(", ", Enum.GetNames<WorkflowInstanceOrder>())}.";
        var descending = !string.Equals(query["orderDirection"], "Ascending", StringComparison.OrdinalIgnoreCase);
        var page = ParseInt(query, "page", 0, 0, int.MaxValue, ref problem);
        var pageSize = ParseInt(query, "pageSize", DefaultPageSize, 1, MaxPageSize, ref problem);
        if (problem is not null)
            return false;

        var search = query["searchTerm"].ToString() is { Length: > 0 } term ? term : query["search"].ToString();
        filter = new WorkflowInstanceFilter
        {
            DefinitionId = NullIfEmpty(query["definitionId"]),
            CorrelationId = NullIfEmpty(query["correlationId"]),
            SearchTerm = NullIfEmpty(search),
            Statuses = statuses,
            SubStatuses = subStatuses,
            HasIncidents = hasIncidents,
            CreatedAfter = createdAfter,
            CreatedBefore = createdBefore,
            OrderBy = order,
            Descending = descending,
        };
        paging = new PageArgs(page, pageSize);
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static List<T>? ParseEnums<T>(IQueryCollection query, string key, ref string? problem) where T : struct, Enum
    {
        var values = query[key].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (values.Count == 0)
            return null;
        var parsed = new List<T>();
        foreach (var value in values)
        {
            if (Enum.TryParse<T>(value, ignoreCase: true, out var item) && !int.TryParse(value, out _)) parsed.Add(item);
            else problem ??= $"{key} '{value}' is not allowed; use {string.Join(", ", Enum.GetNames<T>())}.";
        }
        return parsed;
    }

    private static DateTimeOffset? ParseTime(IQueryCollection query, string key, ref string? problem)
    {
        if (query[key].ToString() is not { Length: > 0 } text)
            return null;
        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
            return value;
        problem ??= $"{key} '{text}' is not an ISO 8601 timestamp.";
        return null;
    }

    private static int ParseInt(IQueryCollection query, string key, int fallback, int min, int max, ref string? problem)
    {
        if (query[key].ToString() is not { Length: > 0 } text)
            return fallback;
        if (int.TryParse(text, out var value) && value >= min && value <= max)
            return value;
        problem ??= $"{key} '{text}' is not allowed; use a whole number from {min} to {max}.";
        return fallback;
    }
}
