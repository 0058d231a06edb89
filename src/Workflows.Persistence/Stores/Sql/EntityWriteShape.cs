using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// The INSERT and UPSERT statements of one entity type, with parameters <c>@p0..@pN</c> (or positional <c>$1..$N</c>)
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
    string UpsertSql)
{
    private const string AnnotationName = "RecipeCi:WriteShape";
    private const string PositionalAnnotationName = "RecipeCi:WriteShape:Positional";

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
        var upsert = new StringBuilder(insert).Append(" ON CONFLICT (").Append(keyColumn).Append(") DO UPDATE SET ")
            .AppendJoin(", ", updated)
            .ToString();
        return new EntityWriteShape(
            Quote(table.Name), key, keyColumn, properties, properties.ConvertAll(p => p.GetRelationalTypeMapping()), insert, upsert);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
