using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// Collects inserts, upserts and deletes into one multi-statement command, so a whole engine commit costs one round
/// trip (plus COMMIT) instead of one per row. EF Core has no upsert; <c>INSERT ... ON CONFLICT DO UPDATE</c> is the same
/// on SQLite (3.24+) and PostgreSQL. Table names, column names and value conversions (UTC ticks on SQLite,
/// timestamptz on PostgreSQL) come from the EF model, so this stays in step with the migrations.
/// </summary>
internal sealed class WriteBatch(DbContext context)
{
    private readonly StringBuilder _sql = new();
    private readonly List<(string Name, object? Value, RelationalTypeMapping Mapping, bool Nullable)> _parameters = [];

    public bool IsEmpty => _sql.Length == 0;

    public int ParameterCount => _parameters.Count;

    /// <summary>Inserts the row, or replaces every non-key column of the existing row with the same key.</summary>
    public void Upsert<TEntity>(TEntity entity) where TEntity : class => Append(entity, upsert: true);

    /// <summary>Inserts the row; a duplicate key fails the whole batch (and its transaction).</summary>
    public void Insert<TEntity>(TEntity entity) where TEntity : class => Append(entity, upsert: false);

    /// <summary>Deletes rows of <typeparamref name="TEntity"/> by primary key.</summary>
    public void DeleteByKeys<TEntity>(IReadOnlyCollection<string> keys) where TEntity : class
    {
        if (keys.Count == 0)
        {
            return;
        }
        var entityType = EntityType<TEntity>();
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _sql.Append("DELETE FROM ").Append(Quote(table.Name)).Append(" WHERE ").Append(Quote(key.GetColumnName(table)!)).Append(" IN (");
        var first = true;
        foreach (var value in keys)
        {
            if (!first)
            {
                _sql.Append(", ");
            }
            first = false;
            _sql.Append(AddParameter(value, key.GetRelationalTypeMapping(), nullable: false));
        }
        _sql.Append(");\n");
    }

    /// <summary>Runs the collected statements on the context's current connection and transaction.</summary>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (IsEmpty)
        {
            return;
        }
        var connection = context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = _sql.ToString();
        foreach (var (name, value, mapping, nullable) in _parameters)
        {
            command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable));
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Append<TEntity>(TEntity entity, bool upsert) where TEntity : class
    {
        var entityType = EntityType<TEntity>();
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var properties = entityType.GetProperties().ToList();

        _sql.Append("INSERT INTO ").Append(Quote(table.Name)).Append(" (");
        _sql.AppendJoin(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        _sql.Append(") VALUES (");
        var first = true;
        foreach (var property in properties)
        {
            if (!first)
            {
                _sql.Append(", ");
            }
            first = false;
            var value = property.GetGetter().GetClrValue(entity);
            _sql.Append(AddParameter(value, property.GetRelationalTypeMapping(), property.IsNullable));
        }
        _sql.Append(')');
        if (upsert)
        {
            _sql.Append(" ON CONFLICT (").Append(Quote(key.GetColumnName(table)!)).Append(") DO UPDATE SET ");
            _sql.AppendJoin(", ", properties.Where(p => p != key).Select(p =>
            {
                var column = Quote(p.GetColumnName(table)!);
                return $"{column} = excluded.{column}";
            }));
        }
        _sql.Append(";\n");
    }

    private string AddParameter(object? value, RelationalTypeMapping mapping, bool nullable)
    {
        var name = $"@p{_parameters.Count}";
        _parameters.Add((name, value, mapping, nullable));
        return name;
    }

    private IEntityType EntityType<TEntity>() =>
        context.Model.FindEntityType(typeof(TEntity))
        ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model.");

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
