using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data;

/// <summary>
/// The engine's schema, shared by both providers. Each provider has a derived context
/// (<see cref="SqliteWorkflowsDbContext"/>, <see cref="PostgresWorkflowsDbContext"/>) so that each has its own
/// migrations folder and model snapshot; stores only see this base type. The model is the entities' own: table names
/// are the <c>DbSet</c> names, keys the <c>Id</c> properties (EF Core's conventions), indexes are declared on
/// each entity (<c>[Index]</c>) and text column sizes by column name (<see cref="ColumnSizes"/>).
/// </summary>
public abstract class WorkflowsDbContext(DbContextOptions options) : DbContext(options), IMigratableDatabase
{
    public DbSet<WorkflowDefinitionEntity> WorkflowDefinitions => Set<WorkflowDefinitionEntity>();
    public DbSet<WorkflowInstanceEntity> WorkflowInstances => Set<WorkflowInstanceEntity>();
    public DbSet<ActivityExecutionRecordEntity> ActivityExecutionRecords => Set<ActivityExecutionRecordEntity>();
    public DbSet<ExecutionLogRecordEntity> ExecutionLogRecords => Set<ExecutionLogRecordEntity>();
    public DbSet<BookmarkEntity> Bookmarks => Set<BookmarkEntity>();
    public DbSet<TriggerEntity> Triggers => Set<TriggerEntity>();
    public DbSet<StimulusEntity> Stimuli => Set<StimulusEntity>();
    public DbSet<SessionEntity> Sessions => Set<SessionEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => ColumnSizes.Apply(modelBuilder);

    Task<IEnumerable<string>> IMigratableDatabase.GetPendingMigrationsAsync(CancellationToken cancellationToken) =>
        Database.GetPendingMigrationsAsync(cancellationToken);

    Task IMigratableDatabase.MigrateAsync(CancellationToken cancellationToken) => Database.MigrateAsync(cancellationToken);

    // The migrations as EF Core finds them (Database.GetMigrations), without setting up the context's services first,
    // which took 0.14 s of a start that then only needs to know whether the history lists them all.
    IReadOnlyList<string> IMigratableDatabase.KnownMigrations => [.. GetType().Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == GetType())
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
        .Order(StringComparer.Ordinal)];

    // EF Core's default: WorkflowsDbContextOptions names no other.
    string IMigratableDatabase.MigrationsHistoryTable => HistoryRepository.DefaultTableName;

    string? IMigratableDatabase.SqliteCreateScript => SqliteSchemaScript.Read(GetType());
}
