using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data;

/// <summary>
/// The schema's bounded text columns (PostgreSQL enforces the lengths; SQLite ignores them), by column name: a column
/// has the same size in every table it appears in (an instance id is an instance id wherever it is stored). Text
/// columns not listed here (JSON, messages, exceptions) are unbounded.
/// </summary>
internal static class ColumnSizes
{
    private const int Id = 128;
    private const int Name = 256;
    private const int TypeName = 256;
    private const int Status = 32;
    private const int Hash = 256;
    private const int NodeId = 1024;

    private static readonly FrozenDictionary<string, int> ByColumn = new Dictionary<string, int>
    {
        ["Id"] = Id,
        ["DefinitionId"] = Id,
        ["DefinitionVersionId"] = Id,
        ["WorkflowDefinitionId"] = Id,
        ["WorkflowDefinitionVersionId"] = Id,
        ["WorkflowInstanceId"] = Id,
        ["ParentInstanceId"] = Id,
        ["ActivityInstanceId"] = Id,
        ["ParentActivityInstanceId"] = Id,
        ["Name"] = Name,
        ["ActivityId"] = Name,
        ["ActivityName"] = Name,
        ["CorrelationId"] = Name,
        ["EventName"] = Name,
        ["LeaseOwner"] = Name,
        ["ActivityType"] = TypeName,
        ["BookmarkName"] = TypeName,
        ["ActivityNodeId"] = NodeId,
        ["Status"] = Status,
        ["SubStatus"] = Status,
        ["Hash"] = Hash,
        ["BookmarkHash"] = Hash,
        ["ContentHash"] = Hash,
        ["KeyFingerprint"] = Hash,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gives every listed text column of the model its size.</summary>
    public static void Apply(ModelBuilder modelBuilder)
    {
        var columns = modelBuilder.Model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties())
            .Where(property => property.ClrType == typeof(string));
        foreach (var column in columns)
        {
            if (ByColumn.TryGetValue(column.Name, out var size))
                column.SetMaxLength(size);
        }
    }
}
