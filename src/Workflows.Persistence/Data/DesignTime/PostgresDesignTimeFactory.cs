using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Persistence.Data.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresWorkflowsDbContext</c> build the context (no connection is opened).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkflowsDbContext>
{
    public PostgresWorkflowsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigurePostgres(builder, "Host=127.0.0.1;Database=recipeci_design");
        return new PostgresWorkflowsDbContext(builder.Options);
    }
}
