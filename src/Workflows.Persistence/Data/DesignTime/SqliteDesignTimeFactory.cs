using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Workflows.Persistence.Data.DesignTime;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteWorkflowsDbContext</c> build the context without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkflowsDbContext>
{
    public SqliteWorkflowsDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkflowsDbContext>();
        WorkflowsDbContextOptions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteWorkflowsDbContext(builder.Options);
    }
}
