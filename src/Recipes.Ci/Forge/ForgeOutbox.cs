using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;
using Recipes.Ci.Runs;

namespace Recipes.Ci.Forge;

/// <summary>
/// The forge outbox (table <c>recipe_forge_outbox</c>): a run's commit statuses and comment are written here inside the
/// run's own activities, which never wait for the forge; <see cref="ForgeOutboxService"/> posts them with backoff. Every
/// enqueue is idempotent per run and step, so an activity run again after a crash adds nothing.
/// </summary>
public sealed class ForgeOutbox(
    IDbContextFactory<RecipesDbContext> contexts, ForgeOptions options, IEnumerable<IRunPageLinks> pageLinks, TimeProvider time, ILogger<ForgeOutbox> logger)
{
    private readonly SemaphoreSlim _work = new(0);

    /// <summary>Queues the <c>pending</c> status of an accepted run; nothing when no forge is configured.</summary>
    public async Task EnqueuePendingAsync(ForgeRunLink link, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
            return;
        await AddAsync(NewRow(link.RunId, ForgeOutboxSteps.Pending, link.Repository, link.Sha, link.Pr, link.Context, "pending",
            $"{link.Mode}: running"), cancellationToken);
    }

    /// <summary>
    /// Queues the final status (and the comment when <c>Forge:Comment</c> is on) of a run that has a pending one; a run
    /// not started by a forge webhook has none and posts nothing.
    /// </summary>
    public async Task EnqueueFinalAsync(RunRecord record, string result, CancellationToken cancellationToken)
    {
        if (!options.IsConfigured)
            return;
        ForgeOutboxEntity? pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            pending = await db.ForgeOutbox.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == record.RunId && r.Step == ForgeOutboxSteps.Pending, cancellationToken);
        if (pending is null)
            return;
        var sha = record.Commit ?? pending.Sha;
        // The context stays the pending one's (a quick run that fell back to cold keeps recipeci/quick); the text says what ran.
        var mode = record.Mode;
        await AddAsync(NewRow(record.RunId, ForgeOutboxSteps.Final, pending.Repository, sha, pending.Pr, pending.Context, StateOf(result),
            ForgeStatusText.Describe(record, mode, result, time.GetUtcNow())), cancellationToken);
        if (options.Comment && int.TryParse(pending.Pr, out _))
        {
            var comment = NewRow(record.RunId, ForgeOutboxSteps.Comment, pending.Repository, sha, pending.Pr, pending.Context, string.Empty,
                string.Empty);
            comment.Body = ForgeStatusText.Comment(record, mode, result, comment.TargetUrl, time.GetUtcNow());
            await AddAsync(comment, cancellationToken);
        }
    }

    /// <summary>pass, fail and error as the forges name them.</summary>
    public static string StateOf(string result) => result switch
    {
        RunResults.Pass => "success",
        RunResults.Fail => "failure",
        _ => "error",
    };

    /// <summary>Waits until something was queued or <paramref name="timeout"/> passed.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);

    /// <summary>Every row of a run, oldest first (for tests and diagnostics).</summary>
    public async Task<IReadOnlyList<ForgeOutboxEntity>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ForgeOutbox.AsNoTracking().Where(r => r.RunId == runId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    private ForgeOutboxEntity NewRow(string runId, string step, string repository, string sha, string? pr, string context, string state, string description)
    {
        var now = time.GetUtcNow();
        return new ForgeOutboxEntity
        {
            RunId = runId,
            Step = step,
            Repository = repository,
            Sha = sha,
            Pr = pr,
            Context = context,
            State = state,
            Description = description,
            TargetUrl = TargetUrl(runId),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>The run page (<see cref="IRunPageLinks"/>), or <c>{Forge:PublicUrl}/runs/{runId}</c> when no page links are registered.</summary>
    private string? TargetUrl(string runId)
    {
        if (pageLinks.FirstOrDefault() is { } links)
            return links.PageUrl(runId);
        return options.PublicUrl is { } publicUrl ? $"{publicUrl.ToString().TrimEnd('/')}/runs/{Uri.EscapeDataString(runId)}" : null;
    }

    private async Task AddAsync(ForgeOutboxEntity row, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.ForgeOutbox.AnyAsync(r => r.RunId == row.RunId && r.Step == row.Step, cancellationToken))
            return;
        db.ForgeOutbox.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same step queued at once by a re-run activity: the unique key kept one; anything else is a real failure.
            if (await ExistsAsync(row.RunId, row.Step, cancellationToken))
                return;
            throw;
        }
        logger.LogInformation("Run {RunId}: {Step} {State} queued for {Repository}@{Sha}", row.RunId, row.Step, row.State, row.Repository, row.Sha);
        _work.Release();
    }

    private async Task<bool> ExistsAsync(string runId, string step, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ForgeOutbox.AnyAsync(r => r.RunId == runId && r.Step == step, cancellationToken);
    }
}
