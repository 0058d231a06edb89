using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Forge;

/// <summary>
/// The draining side of the outbox: claims due rows (so two nodes never post one row at once), marks them done, or
/// schedules the next attempt with backoff. A run's rows go out in the order they were queued: a row is only claimed
/// once every earlier row of its run is done, so a late <c>pending</c> never overwrites the result.
/// </summary>
public sealed class ForgeOutboxClaims(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time)
{
    /// <summary>How long a claim holds a row; a node that dies mid-post frees it after this.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two attempts while the forge is down.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    /// <summary>A transient failure is retried this long; a permanent one (4xx) <see cref="PermanentAttempts"/> times.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    public const int PermanentAttempts = 5;

    public async Task<IReadOnlyList<ForgeOutboxEntity>> ClaimDueAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.ForgeOutbox.AsNoTracking()
            .Where(r => r.DoneAt == null && r.NextAttemptAt <= now && (r.ClaimedUntil == null || r.ClaimedUntil < now)
                        && !db.ForgeOutbox.Any(e => e.RunId == r.RunId && e.Id < r.Id && e.DoneAt == null))
            .OrderBy(r => r.Id).Take(max).ToListAsync(cancellationToken);
        var claimed = new List<ForgeOutboxEntity>();
        foreach (var row in due)
        {
            var until = now + ClaimFor;
            var won = await db.ForgeOutbox
                .Where(r => r.Id == row.Id && r.DoneAt == null && (r.ClaimedUntil == null || r.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, until), cancellationToken);
            if (won == 1)
                claimed.Add(row);
        }
        return claimed;
    }

    public async Task DoneAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ForgeOutbox.Where(r => r.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DoneAt, now).SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
    }

    /// <summary>Records a failed attempt; returns true when the row was given up.</summary>
    public async Task<bool> FailedAsync(ForgeOutboxEntity row, string error, bool permanent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = row.Attempts + 1;
        var giveUp = permanent ? attempts >= PermanentAttempts : now - row.CreatedAt > GiveUpAfter;
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(attempts, 10)), MaxBackoff.TotalSeconds));
        var clipped = error.Length > 450 ? error[..450] : error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.ForgeOutbox.Where(r => r.Id == row.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Attempts, attempts)
                .SetProperty(r => r.NextAttemptAt, now + delay)
                .SetProperty(r => r.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(r => r.LastError, clipped)
                .SetProperty(r => r.DoneAt, giveUp ? now : null), cancellationToken);
        return giveUp;
    }
}
