using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// The INSERT and UPSERT statements of one entity type (and, on PostgreSQL, their many-rows forms), with parameters <c>@p0..@pN</c> (or positional <c>$1..$N</c>)
/// in property order. Built once
/// per model and kept as a runtime annotation on the entity type (the model is cached by EF for the process), so a
/// commit does not walk the metadata or build SQL text again.
/// </summary>
internal sealed record EntityWriteShape(
    string TableName,
    IProperty Key,
    string KeyColumn,
    IReadOnlyList<IProperty> Properties,
    IReadOnlyList<RelationalTypeMapping> Mappings,
    string InsertSql,
    string UpsertSql,
    string? InsertRowsSql,
    string? UpsertRowsSql)
{
    private const string AnnotationName = "Workflows:WriteShape";
    private const string PositionalAnnotationName = "Workflows:WriteShape:Positional";

    /// <summary>
    /// The shape with named (<c>@p0</c>) or positional (<c>$1</c>, PostgreSQL) placeholders. Npgsql sends SQL with
    /// positional placeholders and unnamed parameters as it is, without parsing and rewriting it at every execution.
    /// </summary>
    public static EntityWriteShape For(IEntityType entityType, bool positional) => positional
        ? entityType.GetOrAddRuntimeAnnotationValue(PositionalAnnotationName, static type => Build(type!, true), entityType)
        : entityType.GetOrAddRuntimeAnnotationValue(AnnotationName, static type => Build(type!, false), entityType);

    /// <summary>The placeholder of the parameter at <paramref name="index"/> (0-based).</summary>
    public static string Placeholder(int index, bool positional) => positional ? $"${index + 1}" : $"@p{index}";

    private static EntityWriteShape Build(IEntityType entityType, bool positional)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var properties = entityType.GetProperties().ToList();
        var columns = properties.Select(p => Quote(p.GetColumnName(table)!)).ToList();
        var keyColumn = Quote(key.GetColumnName(table)!);

        var insert = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
            .AppendJoin(", ", columns).Append(") VALUES (")
            .AppendJoin(", ", properties.Select((_, i) => Placeholder(i, positional))).Append(')')
            .ToString();
        var updated = properties.Zip(columns)
            .Where(pc => pc.Second != keyColumn && pc.First.PropertyInfo?.IsDefined(typeof(WrittenOnInsertOnlyAttribute), inherit: false) != true)
            .Select(pc => $"{pc.Second} = excluded.{pc.Second}");
        var onConflict = new StringBuilder(" ON CONFLICT (").Append(keyColumn).Append(") DO UPDATE SET ")
            .AppendJoin(", ", updated)
            .ToString();
        var mappings = properties.ConvertAll(p => p.GetRelationalTypeMapping());

        // PostgreSQL only: many rows as one statement whose text does not depend on the row count (one array parameter
        // per column, unnested into rows), so its plan is prepared once however many rows a group commit carries.
        string? insertRows = null;
        if (positional)
        {
            insertRows = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
                .AppendJoin(", ", columns).Append(") SELECT * FROM unnest(")
                .AppendJoin(", ", mappings.Select((m, i) => $"{Placeholder(i, positional)}::{m.StoreType}[]")).Append(')')
                .ToString();
        }
        return new EntityWriteShape(
            Quote(table.Name), key, keyColumn, properties, mappings, insert, insert + onConflict,
            insertRows, insertRows is null ? null : insertRows + onConflict);
    }

    /// <summary>A table or column name as SQL text (double-quoted), as every statement of the batch writes it.</summary>
    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
