using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Workflows.Persistence.Configuration;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Persistence;

/// <summary>
/// The recipe-CI domain's own tables (canonicals, run labels, warm dependency state, per-app locks). It lives in the
/// engine's database but keeps its own migrations history table, so both schemas evolve independently. One subclass
/// per provider, each with its own migrations (<c>Migrations/Sqlite</c>, <c>Migrations/Postgres</c>).
/// </summary>
public abstract class RecipesDbContext(DbContextOptions options) : DbContext(options), IMigratableDatabase
{
    /// <summary>The migrations history table of this context; the engine's is EF's default.</summary>
    public const string MigrationsHistoryTable = "__RecipesMigrationsHistory";

    private const int Name = 100;
    private const int Id = 64;
    private const int Label = 40;
    private const int Text = 500;

    public DbSet<CanonicalEntity> Canonicals => Set<CanonicalEntity>();

    public DbSet<CanonicalServingEntity> CanonicalServing => Set<CanonicalServingEntity>();
    public DbSet<RunRecordEntity> Runs => Set<RunRecordEntity>();
    public DbSet<WarmDependencyStateEntity> WarmDependencies => Set<WarmDependencyStateEntity>();
    public DbSet<AppLockEntity> AppLocks => Set<AppLockEntity>();
    public DbSet<AppLockWaiterEntity> AppLockWaiters => Set<AppLockWaiterEntity>();
    public DbSet<WebhookDeliveryEntity> WebhookDeliveries => Set<WebhookDeliveryEntity>();
    public DbSet<ForgeOutboxEntity> ForgeOutbox => Set<ForgeOutboxEntity>();
    public DbSet<RunDeployStepEntity> RunDeploySteps => Set<RunDeployStepEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CanonicalEntity>(e =>
        {
            e.ToTable("recipe_canonicals");
            e.HasKey(x => x.Recipe);
            e.Property(x => x.Recipe).HasMaxLength(Name);
            e.Property(x => x.Commit).HasMaxLength(Id).IsRequired();
            e.Property(x => x.Version).HasMaxLength(Name);
            e.Property(x => x.SnapshotId).HasMaxLength(Name).IsRequired();
            e.Property(x => x.SnapshotApp).HasMaxLength(Name).IsRequired();
            e.Property(x => x.RunId).HasMaxLength(Id).IsRequired();
        });

        modelBuilder.Entity<CanonicalServingEntity>(e =>
        {
            e.ToTable("recipe_canonical_serving");
            e.HasKey(x => x.Recipe);
            e.Property(x => x.Recipe).HasMaxLength(Name);
            e.Property(x => x.SnapshotId).HasMaxLength(Name).IsRequired();
            e.Property(x => x.Commit).HasMaxLength(Id).IsRequired();
        });

        modelBuilder.Entity<RunRecordEntity>(e =>
        {
            e.ToTable("recipe_runs");
            e.HasKey(x => x.RunId);
            e.Property(x => x.RunId).HasMaxLength(Id);
            e.Property(x => x.InstanceId).HasMaxLength(Id).IsRequired();
            e.Property(x => x.Mode).HasMaxLength(Label).IsRequired();
            e.Property(x => x.Recipe).HasMaxLength(Name).IsRequired();
            e.Property(x => x.Ref).HasMaxLength(Text).IsRequired();
            e.Property(x => x.Commit).HasMaxLength(Id);
            e.Property(x => x.Pr).HasMaxLength(Label);
            e.Property(x => x.Trigger).HasMaxLength(Label).IsRequired();
            e.Property(x => x.App).HasMaxLength(Name);
            e.Property(x => x.Result).HasMaxLength(Label);
            e.Property(x => x.PhaseDurationsJson).IsRequired();
            e.Property(x => x.ReportPath).HasMaxLength(Text);
            e.Property(x => x.ParentRunId).HasMaxLength(Id);
            e.Property(x => x.Promotion).HasMaxLength(Text);
            e.Property(x => x.Untrusted).HasMaxLength(Label);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.Recipe, x.StartedAt });
            e.HasIndex(x => x.StartedAt);
        });

        modelBuilder.Entity<WarmDependencyStateEntity>(e =>
        {
            e.ToTable("recipe_warm_dependencies");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(Name);
            e.Property(x => x.Current).HasMaxLength(Name);
            e.Property(x => x.LastGood).HasMaxLength(Name);
            e.Property(x => x.SnapshotId).HasMaxLength(Name);
            e.Property(x => x.HeldReason).HasMaxLength(Text);
        });

        modelBuilder.Entity<AppLockEntity>(e =>
        {
            e.ToTable("recipe_app_locks");
            e.HasKey(x => x.App);
            e.Property(x => x.App).HasMaxLength(Name);
            e.Property(x => x.HolderRunId).HasMaxLength(Id).IsRequired();
            e.Property(x => x.HolderInstanceId).HasMaxLength(Id).IsRequired();
            e.Property(x => x.HolderWorker).HasMaxLength(Text).IsRequired();
        });

        modelBuilder.Entity<AppLockWaiterEntity>(e =>
        {
            e.ToTable("recipe_app_lock_waiters");
            e.HasKey(x => new { x.App, x.RunId });
            e.Property(x => x.App).HasMaxLength(Name);
            e.Property(x => x.RunId).HasMaxLength(Id);
            e.Property(x => x.InstanceId).HasMaxLength(Id).IsRequired();
            e.HasIndex(x => new { x.App, x.WaitingSince });
        });

        modelBuilder.Entity<RunDeployStepEntity>(e =>
        {
            e.ToTable("recipe_run_deploy_steps");
            e.HasKey(x => new { x.RunId, x.Step });
            e.Property(x => x.RunId).HasMaxLength(Id);
            e.Property(x => x.Step).HasMaxLength(Id);
            e.Property(x => x.Before).HasMaxLength(Id).IsRequired();
        });

        modelBuilder.Entity<WebhookDeliveryEntity>(e =>
        {
            e.ToTable("recipe_webhook_deliveries");
            e.HasKey(x => new { x.Source, x.DeliveryId });
            e.Property(x => x.Source).HasMaxLength(Label);
            e.Property(x => x.DeliveryId).HasMaxLength(Name);
            e.HasIndex(x => x.ReceivedAt);
        });

        modelBuilder.Entity<ForgeOutboxEntity>(e =>
        {
            e.ToTable("recipe_forge_outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.RunId).HasMaxLength(Id).IsRequired();
            e.Property(x => x.Step).HasMaxLength(Label).IsRequired();
            e.Property(x => x.Repository).HasMaxLength(Text).IsRequired();
            e.Property(x => x.Sha).HasMaxLength(Id).IsRequired();
            e.Property(x => x.Pr).HasMaxLength(Label);
            e.Property(x => x.Context).HasMaxLength(Name).IsRequired();
            e.Property(x => x.State).HasMaxLength(Label).IsRequired();
            e.Property(x => x.Description).HasMaxLength(Text).IsRequired();
            e.Property(x => x.TargetUrl).HasMaxLength(Text);
            e.Property(x => x.LastError).HasMaxLength(Text);
            e.HasIndex(x => new { x.RunId, x.Step }).IsUnique();
            e.HasIndex(x => new { x.DoneAt, x.NextAttemptAt });
        });
    }

    Task<IEnumerable<string>> IMigratableDatabase.GetPendingMigrationsAsync(CancellationToken cancellationToken) =>
        Database.GetPendingMigrationsAsync(cancellationToken);

    Task IMigratableDatabase.MigrateAsync(CancellationToken cancellationToken) => Database.MigrateAsync(cancellationToken);

    // The migrations as EF Core finds them (Database.GetMigrations), without setting up the context's services first,
    // which took 0.14 s of a start that then only needs to know whether the history lists them all.
    IReadOnlyList<string> IMigratableDatabase.KnownMigrations => [.. GetType().Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == GetType())
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id)
        .Order(StringComparer.Ordinal)];

    string IMigratableDatabase.MigrationsHistoryTable => MigrationsHistoryTable;

    string? IMigratableDatabase.SqliteCreateScript => SqliteSchemaScript.Read(GetType());
}
