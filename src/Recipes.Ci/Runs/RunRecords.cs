using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Recipes.Ci.Persistence;
using Recipes.Ci.Persistence.Entities;

namespace Recipes.Ci.Runs;

/// <summary>
/// The run labels store. Every write is idempotent for a given input, so an activity re-run after a crash does
/// not corrupt the record (deploy counts are only incremented for deploys that changed something).
/// </summary>
public sealed class RunRecords(IDbContextFactory<RecipesDbContext> contexts, TimeProvider time)
{
    /// <summary>Creates the record, or returns the existing one with the same run id unchanged.</summary>
    public async Task<RunRecord> StartAsync(RunStart start, CancellationToken cancellationToken)
    {
        if (!RunModes.IsKnown(start.Mode))
            throw new ArgumentException($"Unknown run mode '{start.Mode}'.", nameof(start));
        if (!RunTriggers.IsKnown(start.Trigger))
            throw new ArgumentException($"Unknown run trigger '{start.Trigger}'.", nameof(start));
        if (start.Untrusted is { } untrusted && !TestTrustReasons.IsKnown(untrusted))
            throw new ArgumentException($"Unknown test trust reason '{untrusted}': use '{TestTrustReasons.Fork}', '{TestTrustReasons.Comment}' or none.", nameof(start));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == start.RunId, cancellationToken);
        if (row is not null)
            return ToRecord(row);
        row = new RunRecordEntity
        {
            RunId = start.RunId,
            InstanceId = start.InstanceId,
            Mode = start.Mode,
            Recipe = start.Recipe,
            Ref = start.Ref,
            Commit = start.Commit,
            Pr = start.Pr,
            Trigger = start.Trigger,
            ParentRunId = start.ParentRunId,
            Untrusted = start.Untrusted,
            StartedAt = time.GetUtcNow(),
        };
        db.Runs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return ToRecord(row);
    }

    public async Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<RunRecord?> FindByInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Runs.AsNoTracking().Where(r => r.InstanceId == instanceId).OrderBy(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>The newest runs first, optionally of one recipe.</summary>
    public async Task<IReadOnlyList<RunRecord>> ListAsync(string? recipe, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Runs.AsNoTracking();
        if (recipe is not null)
            query = query.Where(r => r.Recipe == recipe);
        var rows = await query.OrderByDescending(r => r.StartedAt).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    public Task SetModeAsync(string runId, string mode, CancellationToken cancellationToken) =>
        RunModes.IsKnown(mode)
            ? UpdateAsync(runId, r => r.Mode = mode, cancellationToken)
            : throw new ArgumentException($"Unknown run mode '{mode}'.", nameof(mode));

    /// <summary>Moves the run to another workflow instance (a quick run continued by its cold fallback).</summary>
    public Task SetInstanceAsync(string runId, string instanceId, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r => r.InstanceId = instanceId, cancellationToken);

    public Task SetCommitAsync(string runId, string commit, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r => r.Commit = commit, cancellationToken);

    public Task SetAppAsync(string runId, string app, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r => r.App = app, cancellationToken);

    public Task SetConvergedAsync(string runId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r => r.ConvergedAt = at, cancellationToken);

    public Task AddDeployAsync(string runId, CancellationToken cancellationToken)
    {
        Diagnostics.RecipesDiagnostics.Deployed();
        return UpdateAsync(runId, r => r.DeployCount++, cancellationToken);
    }

    /// <summary>Records how long a phase took; a phase that ran more than once (two undeploys) adds up.</summary>
    public Task AddPhaseAsync(string runId, string phase, TimeSpan duration, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r =>
        {
            var phases = JsonSerializer.Deserialize<Dictionary<string, double>>(r.PhaseDurationsJson) ?? [];
            phases[phase] = Math.Round(phases.GetValueOrDefault(phase) + duration.TotalSeconds, 3);
            r.PhaseDurationsJson = JsonSerializer.Serialize(phases);
        }, cancellationToken);

    public Task SetReportAsync(string runId, string reportPath, string reportXml, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r =>
        {
            r.ReportPath = reportPath;
            r.ReportXml = reportXml;
        }, cancellationToken);

    /// <summary>Adds a warning to the run (kept once however often a re-run adds it).</summary>
    public Task AddWarningAsync(string runId, string warning, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r =>
        {
            var warnings = Warnings(r.WarningsJson).ToList();
            if (warnings.Contains(warning)) return;
            warnings.Add(warning);
            r.WarningsJson = JsonSerializer.Serialize(warnings);
        }, cancellationToken);

    /// <summary>
    /// Sets the result while the run goes on (Assert); <see cref="FinishAsync"/> closes the record. A fail or error
    /// keeps its <paramref name="reason"/>; an error's reason is not replaced by a later failure's.
    /// </summary>
    public Task SetResultAsync(string runId, string result, CancellationToken cancellationToken, string? reason = null) =>
        UpdateAsync(runId, r =>
        {
            if (result == RunResults.Pass)
                r.Reason = null;
            else if (reason is not null && !(r.Result == RunResults.Error && result != RunResults.Error && r.Reason is not null))
                r.Reason = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
            r.Result = result;
        }, cancellationToken);

    /// <summary>Reasons carry log tails; the page shows them whole, the database keeps at most this much.</summary>
    public const int MaxReasonLength = 16_000;

    /// <summary>Records what became of the canonical (see <see cref="RunRecord.Promotion"/>).</summary>
    public Task SetPromotionAsync(string runId, string promotion, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r => r.Promotion = promotion, cancellationToken);

    /// <summary>Closes the record with its final result; the first finish time is kept.</summary>
    public Task FinishAsync(string runId, string result, CancellationToken cancellationToken) =>
        UpdateAsync(runId, r =>
        {
            r.Result = result;
            r.FinishedAt ??= time.GetUtcNow();
        }, cancellationToken);

    private async Task UpdateAsync(string runId, Action<RunRecordEntity> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Runs.AsTracking().SingleOrDefaultAsync(r => r.RunId == runId, cancellationToken)
                  ?? throw new InvalidOperationException($"Run {runId} has no run record.");
        change(row);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static RunRecord ToRecord(RunRecordEntity row) => new(
        row.RunId, row.InstanceId, row.Mode, row.Recipe, row.Ref, row.Commit, row.Pr, row.Trigger, row.App, row.Result,
        row.DeployCount,
        JsonSerializer.Deserialize<Dictionary<string, double>>(row.PhaseDurationsJson) ?? [],
        row.ReportPath, row.ReportXml, row.ParentRunId, row.StartedAt, row.FinishedAt) { ConvergedAt = row.ConvergedAt, Reason = row.Reason, Warnings = Warnings(row.WarningsJson), Promotion = row.Promotion, Untrusted = row.Untrusted };

    private static IReadOnlyList<string> Warnings(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];
}
