using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores.Sql;

/// <summary>
/// The lease writes of an instance row (take, renew, release, and the fence of a commit) as plain conditional UPDATEs,
/// built once per model and kept as a runtime annotation like <see cref="EntityWriteShape"/>; its columns also serve
/// the fences <see cref="WriteBatch"/> puts in front of a PostgreSQL batch. Every claim of an instance on a server takes a
/// lease and a heartbeat renews it: through LINQ's ExecuteUpdate each of these built and looked up an expression tree
/// per call, which cost more CPU than the round trip. Parameters go through the columns' type mappings, so the
/// stored form (UTC ticks on SQLite, timestamptz on PostgreSQL) is the one EF writes.
/// </summary>
internal sealed class LeaseStatements
{
    private const string AnnotationName = "Workflows:LeaseStatements";

    private readonly RelationalTypeMapping _expires;
    private readonly string _acquire;
    private readonly string _takeFree;
    private readonly string _renew;
    private readonly string _release;
    private readonly string _fence;

    /// <summary>The instance table, quoted.</summary>
    public string Table { get; }

    /// <summary>Its key column and the lease owner's column, quoted, with their type mappings (for the fences of a batch).</summary>
    public string KeyColumn { get; }

    public string OwnerColumn { get; }

    public RelationalTypeMapping KeyMapping { get; }

    public RelationalTypeMapping OwnerMapping { get; }

    private LeaseStatements(IEntityType entityType, bool postgres)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var owner = entityType.FindProperty(nameof(WorkflowInstanceEntity.LeaseOwner))!;
        var expires = entityType.FindProperty(nameof(WorkflowInstanceEntity.LeaseExpiresAt))!;
        string Column(IProperty property) => EntityWriteShape.Quote(property.GetColumnName(table)!);
        (Table, KeyColumn, OwnerColumn) = (EntityWriteShape.Quote(table.Name), Column(key), Column(owner));
        (KeyMapping, OwnerMapping, _expires) = (key.GetRelationalTypeMapping(), owner.GetRelationalTypeMapping(), expires.GetRelationalTypeMapping());
        var expiresColumn = Column(expires);

        // Named parameters on both providers: a handful per statement, so Npgsql's rewriting of names costs nothing here.
        // The database serialises concurrent claimants: only one sees its row updated.
        _acquire = $"UPDATE {Table} SET {OwnerColumn} = @owner, {expiresColumn} = @expires WHERE {KeyColumn} = @id " +
                   $"AND ({OwnerColumn} IS NULL OR {OwnerColumn} = @owner OR {expiresColumn} IS NULL OR {expiresColumn} <= @now)";
        // Both providers return the updated row (PostgreSQL; SQLite since 3.35): the claim's read comes with its lease.
        // On PostgreSQL the take commits without waiting for its WAL flush (synchronous_commit off for its own
        // transaction only): every claim paid an fsync of its own, beside the group commits' fsyncs. Nothing relies on
        // the take alone being durable. The run's next commit is durable and fenced on this lease, and it flushes the
        // WAL up to the take; a step with side effects is committed before it runs (CommitBeforeExecute). A take lost to
        // a database crash leaves the row without an owner, so that commit fails as a lost lease and the run stops,
        // as it does when another node takes the instance over.
        var take = $"UPDATE {Table} SET {OwnerColumn} = @owner, {expiresColumn} = @expires WHERE {KeyColumn} = @id AND {OwnerColumn} IS NULL";
        _takeFree = postgres
            ? "WITH unsynced AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true) AS setting) " +
              $"{take} AND (SELECT setting FROM unsynced) = 'off' RETURNING {Table}.*"
            : $"{take} RETURNING *";
        _renew = $"UPDATE {Table} SET {expiresColumn} = @expires WHERE {KeyColumn} = @id AND {OwnerColumn} = @owner";
        _release = $"UPDATE {Table} SET {OwnerColumn} = NULL, {expiresColumn} = NULL WHERE {KeyColumn} = @id AND {OwnerColumn} = @owner";
        // A no-op write: it finds the row only while the owner holds it, and keeps it locked until the transaction ends.
        _fence = $"UPDATE {Table} SET {OwnerColumn} = @owner WHERE {KeyColumn} = @id AND {OwnerColumn} = @owner";
    }

    public static LeaseStatements For(DbContext context)
    {
        var entityType = context.Model.FindEntityType(typeof(WorkflowInstanceEntity))!;
        // The provider is asked only when the statements are built, once per model.
        return entityType.GetOrAddRuntimeAnnotationValue(AnnotationName, static owner => new LeaseStatements(owner.Type, owner.Context.Database.IsNpgsql()),
            (Type: entityType, Context: context));
    }

    /// <summary>Takes the lease unless another owner holds it unexpired at <paramref name="now"/>; true when taken.</summary>
    public async Task<bool> TryAcquireAsync(DbContext context, string id, string owner, DateTimeOffset expiresAt, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        await ExecuteAsync(context, _acquire, cancellationToken, ("@id", id, KeyMapping), ("@owner", owner, OwnerMapping), ("@expires", expiresAt, _expires),
            ("@now", now, _expires)) == 1;

    /// <summary>Takes the lease if the row names no owner; the row with the lease in it, or null.</summary>
    public async Task<WorkflowInstanceEntity?> TakeFreeAsync(DbContext context, string id, string owner, DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        await using var factory = context.Database.GetDbConnection().CreateCommand();
        object[] parameters =
        [
            KeyMapping.CreateParameter(factory, "@id", id, nullable: true), OwnerMapping.CreateParameter(factory, "@owner", owner, nullable: true),
            _expires.CreateParameter(factory, "@expires", expiresAt, nullable: true),
        ];
        // Not composed (no LIMIT, no subquery): EF sends the statement as written and maps the returned row.
        await foreach (var entity in context.Set<WorkflowInstanceEntity>().FromSqlRaw(_takeFree, parameters).AsNoTracking().AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
            return entity;
        return null;
    }

    /// <summary>Moves the lease's end while <paramref name="owner"/> holds it; false when it does not.</summary>
    public async Task<bool> RenewAsync(DbContext context, string id, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync(context, _renew, cancellationToken, ("@id", id, KeyMapping), ("@owner", owner, OwnerMapping), ("@expires", expiresAt, _expires)) == 1;

    /// <summary>Clears the lease if <paramref name="owner"/> holds it.</summary>
    public Task ReleaseAsync(DbContext context, string id, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync(context, _release, cancellationToken, ("@id", id, KeyMapping), ("@owner", owner, OwnerMapping));

    /// <summary>
    /// The lease fence of a commit written in a transaction: true while <paramref name="owner"/> holds the lease, and
    /// then the row stays locked until the transaction ends, so the lease cannot change hands before the commit lands.
    /// </summary>
    public async Task<bool> HoldsAsync(DbContext context, string id, string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync(context, _fence, cancellationToken, ("@id", id, KeyMapping), ("@owner", owner, OwnerMapping)) == 1;

    private static async Task<int> ExecuteAsync(DbContext context, string sql, CancellationToken cancellationToken,
        params (string Name, object Value, RelationalTypeMapping Mapping)[] parameters)
    {
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using DbCommand command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value, mapping) in parameters)
            command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable: true));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
