using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Core.Persistence;

namespace Workflows.Hosting.Api.Instances;

/// <summary>
/// Reads the body of <c>POST /workflow-instances</c>, Elsa's ListWorkflowInstances request as Elsa Studio 3.8.2 sends
/// it: <c>page</c> (0-based) and <c>pageSize</c>, <c>searchTerm</c>, <c>definitionId</c>/<c>definitionIds</c>,
/// <c>correlationId</c>, <c>version</c>, <c>status</c>/<c>statuses</c>, <c>subStatus</c>/<c>subStatuses</c>,
/// <c>hasIncidents</c>, <c>orderBy</c> (Created, UpdatedAt, Finished, Name), <c>orderDirection</c> (Ascending,
/// Descending) and <c>timestampFilters</c> (<c>{column, operator, timestamp}</c>). Enums come as names or numbers.
/// Keys it does not know (isSystem) are ignored.
/// </summary>
public static class InstanceListRequest
{
    private static readonly string[] OrderNames = ["Created", "UpdatedAt", "Finished", "Name"];
    private static readonly string[] OperatorNames = ["Is", "IsNot", "LessThan", "GreaterThan", "LessThanOrEqual", "GreaterThanOrEqual"];

    public static bool TryRead(JsonObject body, out WorkflowInstanceFilter filter, out PageArgs paging, out string? problem)
    {
        problem = null;
        var page = Int(body, "page", 0, 0, int.MaxValue, ref problem);
        var pageSize = Int(body, "pageSize", InstanceQueryParser.DefaultPageSize, 1, InstanceQueryParser.MaxPageSize, ref problem);
        var statuses = Enums<WorkflowStatus>(body, "statuses", ref problem) ?? Enums<WorkflowStatus>(body, "status", ref problem);
        var subStatuses = Enums<WorkflowSubStatus>(body, "subStatuses", ref problem) ?? Enums<WorkflowSubStatus>(body, "subStatus", ref problem);
        var order = Name(body, "orderBy", OrderNames, ref problem) switch
        {
            "UpdatedAt" => WorkflowInstanceOrder.UpdatedAt,
            "Finished" => WorkflowInstanceOrder.FinishedAt,
            "Name" => WorkflowInstanceOrder.Name,
            _ => WorkflowInstanceOrder.CreatedAt,
        };
        // Elsa sorts by name ascending and by time descending unless told otherwise.
        var direction = Name(body, "orderDirection", ["Ascending", "Descending"], ref problem);
        filter = new WorkflowInstanceFilter
        {
            SearchTerm = Text(body, "searchTerm"),
            DefinitionId = Text(body, "definitionId"),
            DefinitionIds = body["definitionIds"] is JsonArray ids && ids.Count > 0 ? ids.Select(i => i?.ToString() ?? "").ToList() : null,
            CorrelationId = Text(body, "correlationId"),
            Version = body["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : null,
            Statuses = statuses,
            SubStatuses = subStatuses,
            HasIncidents = body["hasIncidents"] is JsonValue h && h.TryGetValue<bool>(out var has) ? has : null,
            OrderBy = order,
            Descending = direction is null ? order != WorkflowInstanceOrder.Name : direction == "Descending",
        };
        filter = ApplyTimestamps(body["timestampFilters"] as JsonArray, filter, ref problem);
        paging = new PageArgs(page, pageSize);
        return problem is null;
    }

    /// <summary>
    /// Timestamp filters on CreatedAt (every operator but Is/IsNot) and FinishedAt (before/after); anything else is
    /// refused by name rather than ignored, so a list is never silently wider than asked.
    /// </summary>
    private static WorkflowInstanceFilter ApplyTimestamps(JsonArray? filters, WorkflowInstanceFilter filter, ref string? problem)
    {
        foreach (var item in filters?.OfType<JsonObject>() ?? [])
        {
            var column = item["column"]?.ToString();
            var op = Name(item, "operator", OperatorNames, ref problem);
            if (item["timestamp"] is not JsonValue t || !t.TryGetValue<DateTimeOffset>(out var at))
            {
                problem ??= "timestampFilters: each needs a timestamp (ISO 8601).";
                continue;
            }
            var after = op is "GreaterThan" or "GreaterThanOrEqual";
            var before = op is "LessThan" or "LessThanOrEqual";
            filter = (column, after, before) switch
            {
                ("CreatedAt", true, _) => filter with { CreatedAfter = at },
                ("CreatedAt", _, true) => filter with { CreatedBefore = at },
                ("FinishedAt", true, _) => filter with { FinishedAfter = at },
                ("FinishedAt", _, true) => filter with { FinishedBefore = at },
                _ => Refuse(filter, $"timestampFilters: {column} {op} is not supported; use CreatedAt or FinishedAt with LessThan or GreaterThan.", ref problem),
            };
        }
        return filter;
    }

    private static WorkflowInstanceFilter Refuse(WorkflowInstanceFilter filter, string message, ref string? problem)
    {
        problem ??= message;
        return filter;
    }

    private static string? Text(JsonObject body, string key) =>
        body[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text ? text : null;

    private static int Int(JsonObject body, string key, int fallback, int min, int max, ref string? problem)
    {
        if (body[key] is null)
            return fallback;
        if (body[key] is JsonValue value && value.TryGetValue<int>(out var number) && number >= min && number <= max)
            return number;
        problem ??= $"{key} '{body[key]}' is not allowed; use a whole number from {min} to {max}.";
        return fallback;
    }

    /// <summary>An enum member by name (any case) or by its number in Elsa's declaration order.</summary>
    private static string? Name(JsonObject body, string key, string[] names, ref string? problem) => Name(body[key], key, names, ref problem);

    private static string? Name(JsonNode? node, string key, string[] names, ref string? problem)
    {
        if (node is not JsonValue value)
            return null;
        if (value.TryGetValue<int>(out var index) && index >= 0 && index < names.Length)
            return names[index];
        if (value.TryGetValue<string>(out var text) && names.FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name)
            return name;
        problem ??= $"{key} '{value}' is not allowed; use {string.Join(", ", names)}.";
        return null;
    }

    private static List<T>? Enums<T>(JsonObject body, string key, ref string? problem) where T : struct, Enum
    {
        var values = body[key] switch
        {
            JsonArray array => array.ToList(),
            JsonValue single => [single],
            _ => [],
        };
        if (values.Count == 0)
            return null;
        var names = Enum.GetNames<T>();
        var parsed = new List<T>();
        foreach (var value in values)
        {
            if (Name(value, key, names, ref problem) is { } name)
                parsed.Add(Enum.Parse<T>(name));
        }
        return parsed;
    }
}
