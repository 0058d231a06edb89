using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// The INSERT and UPSERT statements of one entity type, with parameters <c>@p0..@pN</c> in property order. Built once
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

    public static EntityWriteShape For(IEntityType entityType) =>
        entityType.GetOrAddRuntimeAnnotationValue(AnnotationName, static type => Build(type!), entityType);

    private static EntityWriteShape Build(IEntityType entityType)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var properties = entityType.GetProperties().ToList();
        var columns = properties.Select(p => Quote(p.GetColumnName(table)!)).ToList();
        var keyColumn = Quote(key.GetColumnName(table)!);

        var insert = new StringBuilder("INSERT INTO ").Append(Quote(table.Name)).Append(" (")
            .AppendJoin(", ", columns).Append(") VALUES (")
            .AppendJoin(", ", properties.Select((_, i) => $"@p{i}")).Append(')')
            .ToString();
        var upsert = new StringBuilder(insert).Append(" ON CONFLICT (").Append(keyColumn).Append(") DO UPDATE SET ")
            .AppendJoin(", ", columns.Where(c => c != keyColumn).Select(c => $"{c} = excluded.{c}"))
            .ToString();
        return new EntityWriteShape(
            Quote(table.Name), key, keyColumn, properties, properties.ConvertAll(p => p.GetRelationalTypeMapping()), insert, upsert);
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
