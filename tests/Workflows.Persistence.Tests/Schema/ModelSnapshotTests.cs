using Microsoft.EntityFrameworkCore;
using Workflows.Persistence.Data;

namespace Workflows.Persistence.Tests.Schema;

/// <summary>The committed migrations describe the current model for both providers (no forgotten <c>migrations add</c>).</summary>
public sealed class ModelSnapshotTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigureSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteWorkflowsDbContext(builder.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        var builder = new DbContextOptionsBuilder<PostgresWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresWorkflowsDbContext(builder.Options);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
