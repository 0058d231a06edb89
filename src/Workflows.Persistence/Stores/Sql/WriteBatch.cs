using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// Collects inserts, upserts and deletes and sends them in one round trip. EF Core has no upsert;
/// <c>INSERT ... ON CONFLICT DO UPDATE</c> is the same on SQLite (3.24+) and PostgreSQL. Table names, column names and
/// value conversions (UTC ticks on SQLite, timestamptz on PostgreSQL) come from the EF model, so this stays in step
/// with the migrations.
/// <para>
/// On PostgreSQL the statements go out as one <see cref="DbBatch"/>, each with its own parameters, so the SQL text of a
/// statement depends only on its table and Npgsql's auto-preparation can reuse its plan. A batch sent outside an
/// explicit transaction runs in one implicit transaction (one Sync): all statements commit or none do, with no BEGIN
/// or COMMIT round trip. On SQLite (in process, no round trips) each statement runs as its own command inside the
/// caller's transaction.
/// </para>
/// </summary>
internal sealed class WriteBatch(DbContext context)
{
    private readonly List<Statement> _statements = [];

    // PostgreSQL gets positional placeholders and unnamed parameters (see EntityWriteShape.For).
    private readonly bool _positional = context.Database.IsNpgsql();

    public bool IsEmpty => _statements.Count == 0;

    public int ParameterCount { get; private set; }

    /// <summary>True when <see cref="ExecuteAsync"/> is atomic on its own (PostgreSQL's implicit batch transaction).</summary>
    public bool IsAtomicWithoutTransaction => context.Database.IsNpgsql();

    /// <summary>Inserts the row, or replaces every non-key column of the existing row with the same key.</summary>
    public void Upsert<TEntity>(TEntity entity) where TEntity : class => Append(entity, upsert: true);

    /// <summary>Inserts the row; a duplicate key fails the whole batch (and its transaction).</summary>
    public void Insert<TEntity>(TEntity entity) where TEntity : class => Append(entity, upsert: false);

    /// <summary>
    /// Upserts the rows: on PostgreSQL as one statement (<c>INSERT ... SELECT * FROM unnest(...) ON CONFLICT DO
    /// UPDATE</c>) whatever their number, elsewhere one statement each. Two rows with the same key fail the statement
    /// (PostgreSQL cannot update a row twice in one statement), and with it the batch.
    /// </summary>
    public void UpsertRows<TEntity>(IReadOnlyList<TEntity> entities) where TEntity : class => AppendRows(entities, upsert: true);

    /// <summary>Inserts the rows, on PostgreSQL as one statement (see <see cref="UpsertRows{TEntity}"/>).</summary>
    public void InsertRows<TEntity>(IReadOnlyList<TEntity> entities) where TEntity : class => AppendRows(entities, upsert: false);

    /// <summary>Deletes rows of <typeparamref name="TEntity"/> by primary key.</summary>
    public void DeleteByKeys<TEntity>(IReadOnlyCollection<string> keys) where TEntity : class =>
        AddByKeys<TEntity>(keys, shape => $"DELETE FROM {shape.TableName}");

    /// <summary>Sets the columns of <paramref name="propertyNames"/> to NULL in the rows of <typeparamref name="TEntity"/> with these keys.</summary>
    public void ClearByKeys<TEntity>(IReadOnlyCollection<string> keys, params string[] propertyNames) where TEntity : class
    {
        var entityType = context.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var columns = propertyNames.Select(name => Column(entityType, table, name) + " = NULL");
        AddByKeys<TEntity>(keys, shape => $"UPDATE {shape.TableName} SET {string.Join(", ", columns)}");
    }

    /// <summary>A statement <paramref name="head"/> <c>WHERE key IN (...)</c> over <paramref name="keys"/>; none when there are no keys.</summary>
    private void AddByKeys<TEntity>(IReadOnlyCollection<string> keys, Func<EntityWriteShape, string> head) where TEntity : class
    {
        if (keys.Count == 0)
        {
            return;
        }
        var shape = Shape<TEntity>();
        var statement = new Statement(_positional);
        var mapping = shape.Mappings[shape.Properties.ToList().IndexOf(shape.Key)];
        var sql = new StringBuilder(head(shape)).Append(" WHERE ").Append(shape.KeyColumn).Append(" IN (");
        sql.AppendJoin(", ", keys.Select(value => statement.Add(value, mapping, nullable: false)));
        sql.Append(')');
        statement.Sql = sql.ToString();
        Add(statement);
    }

    private static string Column(IEntityType entityType, StoreObjectIdentifier table, string propertyName) =>
        EntityWriteShape.Quote((entityType.FindProperty(propertyName)
                                ?? throw new InvalidOperationException($"{entityType.ClrType.Name} has no property {propertyName}.")).GetColumnName(table)!);

    /// <summary>
    /// PostgreSQL lease fence as the batch's first statement: unless <paramref name="owner"/> holds the lease of row
    /// <paramref name="key"/> it divides by zero, which fails the whole batch (one implicit transaction), so nothing is
    /// written; it row-locks the instance until the batch ends, as the transactional fence does. One round trip
    /// instead of BEGIN, the fence, the batch and COMMIT. <see cref="IsLeaseLost"/> recognises the failure.
    /// The lock is <c>FOR NO KEY UPDATE</c>, the mode the UPDATE that wrote the owner back took, without its write: that
    /// wrote a second version of the instance row at every commit (the batch's upsert writes the first).
    /// </summary>
    public void PrependLeaseFence(string key, string owner)
    {
        var lease = LeaseStatements.For(context);
        var statement = new Statement(_positional);
        var keyParameter = statement.Add(key, lease.KeyMapping, nullable: false);
        var ownerParameter = statement.Add(owner, lease.OwnerMapping, nullable: false);
        statement.Sql = $"WITH held AS (SELECT 1 FROM {lease.Table} " +
                        $"WHERE {lease.KeyColumn} = {keyParameter} AND {lease.OwnerColumn} = {ownerParameter} FOR NO KEY UPDATE) " +
                        "SELECT 1 / (SELECT count(*)::int FROM held)";
        _statements.Insert(0, statement);
        ParameterCount += statement.Parameters.Count;
    }

    /// <summary>
    /// The fences of a group commit as one first statement (PostgreSQL): each (row, owner) pair must hold, or the count
    /// of held rows divided by the number of pairs is 0 and the division by it fails the whole batch, which
    /// <see cref="IsLeaseLost"/> recognises. The statement sorts the rows before it locks them, so every group locks in
    /// the same (key) order and two groups never wait on each other in a cycle; the pairs may come in any order. The caller then learns which row lost its lease by writing the commits one by one.
    /// </summary>
    public void PrependLeaseFences(IReadOnlyList<(string Key, string Owner)> fences)
    {
        if (fences.Count == 1)
        {
            PrependLeaseFence(fences[0].Key, fences[0].Owner);
            return;
        }
        var lease = LeaseStatements.For(context);
        var statement = new Statement(_positional);
        statement.AddColumn(fences.Select(f => f.Key).ToArray());
        statement.AddColumn(fences.Select(f => f.Owner).ToArray());
        // The number of pairs is a parameter too: one SQL text for every group size, prepared once per connection.
        statement.AddValue(fences.Count);
        statement.Sql = $"WITH held AS (SELECT 1 FROM {lease.Table} t JOIN unnest($1::text[], $2::text[]) AS fence(k, o) " +
                        $"ON t.{lease.KeyColumn} = fence.k AND t.{lease.OwnerColumn} = fence.o ORDER BY t.{lease.KeyColumn} FOR NO KEY UPDATE OF t) " +
                        "SELECT 1 / ((SELECT count(*)::int FROM held) / $3::int)";
        _statements.Insert(0, statement);
        ParameterCount += statement.Parameters.Count;
    }

    /// <summary>The failure of a <see cref="PrependLeaseFence"/> (PostgreSQL division_by_zero).</summary>
    public static bool IsLeaseLost(DbException exception) =>
        exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DivisionByZero };

    /// <summary>Splits the statements into batches of at most <paramref name="maxParameters"/> parameters (order kept).</summary>
    public IReadOnlyList<WriteBatch> Split(int maxParameters)
    {
        var batches = new List<WriteBatch> { new(context) };
        foreach (var statement in _statements)
        {
            if (batches[^1].ParameterCount + statement.Parameters.Count > maxParameters && !batches[^1].IsEmpty)
            {
                batches.Add(new WriteBatch(context));
            }
            batches[^1]._statements.Add(statement);
            batches[^1].ParameterCount += statement.Parameters.Count;
        }
        return batches;
    }

    /// <summary>Runs the statements on the context's (open) connection and current transaction, if any.</summary>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (IsEmpty)
        {
            return;
        }
        var connection = context.Database.GetDbConnection();
        var transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        // Parameters are created through a command because EF's type mappings configure them on a DbCommand.
        await using var factory = connection.CreateCommand();
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var statement in _statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                foreach (var parameter in statement.Parameters)
                {
                    command.Parameters.Add(parameter.Create(factory));
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // Without batch support (SQLite, in process: a statement costs no round trip), one command per statement, each
        // binding only its own parameters. One command holding every statement would bind each statement's parameters
        // by looking their names up among all of the batch's, which grows with the square of the batch.
        factory.Transaction = transaction;
        foreach (var statement in _statements)
        {
            factory.CommandText = statement.Sql;
            factory.Parameters.Clear();
            foreach (var parameter in statement.Parameters)
            {
                factory.Parameters.Add(parameter.Create(factory));
            }
            await factory.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private void Append<TEntity>(TEntity entity, bool upsert) where TEntity : class
    {
        var shape = Shape<TEntity>();
        var statement = new Statement(_positional) { Sql = upsert ? shape.UpsertSql : shape.InsertSql };
        for (var i = 0; i < shape.Properties.Count; i++)
        {
            var property = shape.Properties[i];
            statement.Add(property.GetGetter().GetClrValue(entity), shape.Mappings[i], property.IsNullable);
        }
        Add(statement);
    }

    private void AppendRows<TEntity>(IReadOnlyList<TEntity> entities, bool upsert) where TEntity : class
    {
        if (!_positional || entities.Count < 2)
        {
            // One row, or SQLite (in process: a statement costs no round trip, and its text stays cached per table).
            foreach (var entity in entities)
            {
                Append(entity, upsert);
            }
            return;
        }
        var shape = Shape<TEntity>();
        var statement = new Statement(_positional) { Sql = upsert ? shape.UpsertRowsSql! : shape.InsertRowsSql! };
        for (var i = 0; i < shape.Properties.Count; i++)
        {
            statement.AddColumn(ColumnValues(entities, shape.Properties[i], shape.Mappings[i]));
        }
        Add(statement);
    }

    /// <summary>
    /// One column of the rows as a typed array of provider values (value converters applied, e.g. timestamps to UTC),
    /// which Npgsql sends as a PostgreSQL array; nullable value columns become arrays of nullables.
    /// </summary>
    private static Array ColumnValues<TEntity>(IReadOnlyList<TEntity> entities, IProperty property, RelationalTypeMapping mapping)
        where TEntity : class
    {
        var converter = mapping.Converter;
        var providerType = converter?.ProviderClrType ?? mapping.ClrType;
        var elementType = providerType.IsValueType && property.IsNullable && Nullable.GetUnderlyingType(providerType) is null
            ? typeof(Nullable<>).MakeGenericType(providerType)
            : providerType;
        var values = Array.CreateInstance(elementType, entities.Count);
        var getter = property.GetGetter();
        for (var row = 0; row < entities.Count; row++)
        {
            var value = getter.GetClrValue(entities[row]);
            values.SetValue(value is null || converter is null ? value : converter.ConvertToProvider(value), row);
        }
        return values;
    }

    private void Add(Statement statement)
    {
        _statements.Add(statement);
        ParameterCount += statement.Parameters.Count;
    }

    private EntityWriteShape Shape<TEntity>() => EntityWriteShape.For(
        context.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of the model."),
        _positional);


    /// <summary>
    /// One SQL statement with parameters named <c>@p0</c>, <c>@p1</c>... local to it, or unnamed ones at positional
    /// placeholders <c>$1</c>, <c>$2</c>... (PostgreSQL).
    /// </summary>
    private sealed class Statement(bool positional)
    {
        public string Sql { get; set; } = "";

        public List<StatementParameter> Parameters { get; } = [];

        /// <summary>Adds a parameter and returns its placeholder.</summary>
        public string Add(object? value, RelationalTypeMapping mapping, bool nullable)
        {
            var placeholder = EntityWriteShape.Placeholder(Parameters.Count, positional);
            Parameters.Add(new StatementParameter(positional ? "" : placeholder, value, mapping, nullable));
            return placeholder;
        }

        /// <summary>Adds an array parameter holding one column of many rows (PostgreSQL, positional).</summary>
        public void AddColumn(Array values) => AddValue(values);

        /// <summary>Adds a value bound as it is, with no column's mapping (PostgreSQL, positional).</summary>
        public void AddValue(object value) => Parameters.Add(new StatementParameter("", value, Mapping: null, Nullable: false));
    }

    /// <param name="Mapping">The column's type mapping; null for a value bound as it is (an array of provider values, a count).</param>
    private sealed record StatementParameter(string Name, object? Value, RelationalTypeMapping? Mapping, bool Nullable)
    {
        public DbParameter Create(DbCommand factory, string? name = null) => Mapping is null
            ? new Npgsql.NpgsqlParameter { Value = Value }
            : Mapping.CreateParameter(factory, name ?? Name, Value, Nullable);
    }
}
