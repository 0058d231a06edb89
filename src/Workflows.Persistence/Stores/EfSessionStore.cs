using Microsoft.EntityFrameworkCore;
using Workflows.Core.Persistence;
using Workflows.Persistence.Data;
using Workflows.Persistence.Data.Entities;

namespace Workflows.Persistence.Stores;

/// <summary>Studio sessions in the <c>Sessions</c> table, shared by every node on the database.</summary>
public sealed class EfSessionStore(IDbContextFactory<WorkflowsDbContext> contextFactory, WriteGate writeGate) : ISessionStore
{
    public async Task CreateAsync(SessionRecord session, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        db.Sessions.Add(new SessionEntity
        {
            Id = session.Id, KeyFingerprint = session.KeyFingerprint, CreatedAt = session.CreatedAt, ExpiresAt = session.ExpiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<SessionRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = contextFactory.CreateDbContext();
        var entity = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return entity is null ? null : new SessionRecord(entity.Id, entity.KeyFingerprint, entity.CreatedAt, entity.ExpiresAt);
    }

    public async Task ExtendAsync(string id, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAt, expiresAt), cancellationToken);
    }

    public async Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<int> RevokeAllExceptAsync(string keyFingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = contextFactory.CreateDbContext();
        return await db.Sessions.Where(s => s.KeyFingerprint != keyFingerprint || s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
