using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data;

/// <summary>The PostgreSQL flavour of the schema (timestamptz, varchar); migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresWorkflowsDbContext(DbContextOptions<PostgresWorkflowsDbContext> options) : WorkflowsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql only writes DateTimeOffset with offset 0 to timestamptz; normalise whatever the engine hands us.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
