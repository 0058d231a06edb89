using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>
/// A run's workspace: one checkout and one parsed app spec per (run, commit, app), shared by the run's activities
/// (Deploy, Upgrade, HealthGate, Assert, Snapshot, Reattach, Restore) instead of each checking out and parsing the
/// compose files again, and forgotten when the run completes (<see cref="Forget"/>; its work trees go with
/// <see cref="RunWorkTrees.Delete"/>). It lives in memory only: after a restart the first activity that needs a
/// spec builds it again from the same commit (the checkout on disk is reused when it is still clean), which is what
/// an at-least-once activity needs. Each build is logged once (<c>Run ...: loaded ...</c>), so a run's log shows
/// how many it did.
/// </summary>
public sealed class RunWorkspace(AppSpecLoader loader, ILogger<RunWorkspace> logger)
{
    private readonly ConcurrentDictionary<(string Run, string Ref, string App), Lazy<Task<AppSpec>>> _specs = new();

    /// <summary>The spec of <paramref name="app"/> at the run's own commit (its ref until ResolveRun recorded one).</summary>
    public Task<AppSpec> SpecAsync(RunContext run, AppName app, CancellationToken cancellationToken) =>
        SpecAsync(run, OwnRef(run.Record), RunWorkTrees.Own(run.RunId), app, cancellationToken);

    /// <summary>
    /// The spec of <paramref name="app"/> at <paramref name="gitRef"/>, checked out into the run's work tree
    /// <paramref name="workTree"/> the first time (a canonical's commit, for Reattach and Restore).
    /// </summary>
    public async Task<AppSpec> SpecAsync(RunContext run, string gitRef, string workTree, AppName app, CancellationToken cancellationToken)
    {
        var key = (run.RunId, gitRef, app.Value);
        var entry = _specs.GetOrAdd(key, _ => new Lazy<Task<AppSpec>>(() => LoadAsync(run, gitRef, workTree, app)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            // A failed load is not kept: the activity's retry loads again.
            _specs.TryRemove(new KeyValuePair<(string, string, string), Lazy<Task<AppSpec>>>(key, entry));
            throw;
        }
    }

    /// <summary>The run's own ref: the commit ResolveRun resolved, else the ref it was given.</summary>
    public static string OwnRef(RunRecord record) => record.Commit ?? record.Ref;

    /// <summary>Drops the run's specs (the run completed; its work trees are being deleted).</summary>
    public void Forget(string runId)
    {
        foreach (var key in _specs.Keys.Where(k => k.Run == runId))
            _specs.TryRemove(key, out _);
    }

    private async Task<AppSpec> LoadAsync(RunContext run, string gitRef, string workTree, AppName app)
    {
        // Not the first caller's token: a cancelled caller must not fail the load for the others waiting on it.
        var spec = await loader.LoadAsync(run.Record.Recipe, gitRef, workTree, app, CancellationToken.None);
        logger.LogInformation("Run {RunId}: loaded {App} at {Ref} (one checkout and compose parse per run and commit)", run.RunId, app.Value, gitRef);
        return spec;
    }
}
