using Microsoft.EntityFrameworkCore;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Data;

/// <summary>The PostgreSQL flavour of the schema (timestamptz, varchar); migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresWorkflowsDbContext(DbContextOptions<PostgresWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    /// <summary>Free space left in each heap page of the instances table, so a step's update fits on its page (HOT).</summary>
    public const int InstancesFillFactor = 70;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Every step rewrites its instance row. With room left on the page and no index on a column the step changes,
        // PostgreSQL updates the row in place (a heap-only tuple): no new index entries, less WAL, less vacuum.
        modelBuilder.Entity<WorkflowInstanceEntity>().HasStorageParameter("fillfactor", InstancesFillFactor);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql only writes DateTimeOffset with offset 0 to timestamptz; normalise whatever the engine hands us.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
