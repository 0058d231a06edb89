using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Stores.Mapping;

namespace Workflows.Persistence.Stores;

/// <summary>Reads the <c>Bookmarks</c> table; bookmarks are written only by <see cref="EfWorkflowInstanceStore.CommitAsync"/>.</summary>
public sealed class EfBookmarkStore(IDbContextFactory<WorkflowsDbContext> contextFactory) : IBookmarkStore
{
    public async Task<BookmarkRecord?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entity = await db.Bookmarks.FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<BookmarkRecord>> FindAsync(BookmarkFilter filter, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var query = db.Bookmarks.AsQueryable();
        if (filter.Name is not null)
        {
            query = query.Where(b => b.Name == filter.Name);
        }
        if (filter.Hash is not null)
        {
            query = query.Where(b => b.Hash == filter.Hash);
        }
        if (filter.WorkflowInstanceId is not null)
        {
            query = query.Where(b => b.WorkflowInstanceId == filter.WorkflowInstanceId);
        }
        if (filter.CorrelationId is not null)
        {
            query = query.Where(b => b.CorrelationId == filter.CorrelationId);
        }
        if (filter.ResumeAtOrBefore is not null)
        {
            DateTimeOffset? due = filter.ResumeAtOrBefore.Value;
            query = query.Where(b => b.ResumeAt != null && b.ResumeAt <= due);
        }
        var entities = await query.OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        return entities.ConvertAll(e => e.ToRecord());
    }

    public async Task<BookmarkRecord?> FindEarliestTimerAsync(string? workflowInstanceId, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var query = db.Bookmarks.Where(b => b.ResumeAt != null);
        if (workflowInstanceId is not null)
        {
            query = query.Where(b => b.WorkflowInstanceId == workflowInstanceId);
        }
        var entity = await query.OrderBy(b => b.ResumeAt).ThenBy(b => b.Id).FirstOrDefaultAsync(cancellationToken);
        return entity?.ToRecord();
    }
}
