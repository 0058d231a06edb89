using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Runs;

/// <summary>
/// Deploy counting per step, idempotent across crashes: a step records what the app was before it first touched
/// Docker, and its deploy is counted at most once (the run's <c>DeployCount</c> and <c>recipes_deploys_total</c>), by
/// the attempt that changed the app or by a re-run that finds the app changed since that record.
/// </summary>
public sealed class RunDeploySteps(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time)
{
    /// <summary>The step's record: the one an earlier attempt wrote, else a new one with <paramref name="before"/>.</summary>
    public async Task<RunDeployStep> BeginAsync(string runId, string step, string before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.RunDeploySteps.AsNoTracking().SingleOrDefaultAsync(s => s.RunId == runId && s.Step == step, cancellationToken) is { } earlier)
            return new RunDeployStep(earlier.Before, earlier.Counted, FirstAttempt: false);
        db.RunDeploySteps.Add(new RunDeployStepEntity { RunId = runId, Step = step, Before = before, StartedAt = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new RunDeployStep(before, false, FirstAttempt: true);
        }
        catch (DbUpdateException)
        {
            // Another attempt of the same step (a duplicate delivery) wrote it first: that one is the record.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await again.RunDeploySteps.AsNoTracking().SingleAsync(s => s.RunId == runId && s.Step == step, cancellationToken);
            return new RunDeployStep(row.Before, row.Counted, FirstAttempt: false);
        }
    }

    /// <summary>Counts the step's deploy on the run unless it already was; true when this call counted it.</summary>
    public async Task<bool> CountAsync(string runId, string step, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counted = await db.RunDeploySteps.Where(s => s.RunId == runId && s.Step == step && !s.Counted)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Counted, true), cancellationToken);
        if (counted == 1)
            await db.Runs.Where(r => r.RunId == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeployCount, r => r.DeployCount + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (counted == 1)
            Diagnostics.RecipesDiagnostics.Deployed();
        return counted == 1;
    }
}

/// <summary>A deploying step as recorded: the app before it, whether it was counted, whether this is its first attempt.</summary>
public sealed record RunDeployStep(string Before, bool Counted, bool FirstAttempt);
