using Microsoft.EntityFrameworkCore;

namespace Workflows.Persistence.Data;

/// <summary>Hands out the provider's pooled context as the shared base type the stores work with.</summary>
internal sealed class WorkflowsDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<WorkflowsDbContext>
    where TContext : WorkflowsDbContext
{
    public WorkflowsDbContext CreateDbContext() => inner.CreateDbContext();
}
