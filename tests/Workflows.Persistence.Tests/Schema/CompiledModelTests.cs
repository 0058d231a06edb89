using Microsoft.EntityFrameworkCore;
using TestKit;
using Workflows.Persistence.Data;

namespace Workflows.Persistence.Tests.Schema;

/// <summary>
/// The engine starts with a compiled model per provider (<c>Data/CompiledModels</c>) instead of building the model from
/// the entities at its first query; the committed code must be what EF Core generates from the entities now.
/// </summary>
public sealed class CompiledModelTests
{
    [Fact]
    public void The_sqlite_compiled_model_is_current()
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigureSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteWorkflowsDbContext(builder.Options);

        CompiledModels.AssertCurrent(db, "src/Workflows.Persistence/Data/CompiledModels/Sqlite", "Workflows.Persistence.Data.CompiledModels.Sqlite");
    }

    [Fact]
    public void The_postgres_compiled_model_is_current()
    {
        var builder = new DbContextOptionsBuilder<PostgresWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=unused");
        using var db = new PostgresWorkflowsDbContext(builder.Options);

        CompiledModels.AssertCurrent(db, "src/Workflows.Persistence/Data/CompiledModels/Postgres", "Workflows.Persistence.Data.CompiledModels.Postgres");
    }

    [Fact]
    public void A_context_runs_on_its_compiled_model()
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigureSqlite(builder, "Data Source=:memory:");
        using var db = new SqliteWorkflowsDbContext(builder.Options);

        Assert.IsType<Data.CompiledModels.Sqlite.SqliteWorkflowsDbContextModel>(db.Model);
    }
}
