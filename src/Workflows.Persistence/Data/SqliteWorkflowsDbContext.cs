using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data;

/// <summary>The SQLite flavour of the schema; migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteWorkflowsDbContext(DbContextOptions<SqliteWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and EF cannot compare or order DateTimeOffset stored as text;
        // UTC ticks in an INTEGER column sort and compare correctly in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
