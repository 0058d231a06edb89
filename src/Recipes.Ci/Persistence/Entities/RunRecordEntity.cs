namespace Recipes.Ci.Persistence.Entities;

/// <summary>The labels of one quick or cold run (DESIGN.md section 4), updated by every Recipes.* activity of the run.</summary>
public sealed class RunRecordEntity
{
    public string RunId { get; set; } = string.Empty;

    /// <summary>The workflow instance that runs it.</summary>
    public string InstanceId { get; set; } = string.Empty;

    /// <summary><c>quick</c>, <c>cold</c> or <c>cold (fallback)</c>.</summary>
    public string Mode { get; set; } = string.Empty;

    public string Recipe { get; set; } = string.Empty;
    public string Ref { get; set; } = string.Empty;
    public string? Commit { get; set; }
    public string? Pr { get; set; }

    /// <summary><c>webhook</c>, <c>nightly</c> or <c>manual</c>.</summary>
    public string Trigger { get; set; } = string.Empty;

    /// <summary>The app the run deployed or reattached; null until it has one.</summary>
    public string? App { get; set; }

    /// <summary><c>pass</c>, <c>fail</c> or <c>error</c>; null while the run is going.</summary>
    public string? Result { get; set; }

    /// <summary>Why the run failed or broke (<c>assert: 3/12 tests failed</c>, a deploy's error); null while it passes.</summary>
    public string? Reason { get; set; }

    public int DeployCount { get; set; }

    /// <summary>
    /// What became of the canonical: <c>seeded</c> or <c>advanced</c>, or <c>not promoted: &lt;why&gt;</c> (a ref
    /// <c>Ci:PromoteFrom</c> does not trust, such as a pull request's head); null when the run never got that far.
    /// </summary>
    public string? Promotion { get; set; }

    /// <summary>
    /// Why the run trusts only the CI side's tests whatever <c>Ci:Tests:Trust</c> says (<c>fork</c>, <c>comment</c>;
    /// see <see cref="Runs.TestTrustReasons"/>); null when the run's commit comes from the recipe's own repository.
    /// </summary>
    public string? Untrusted { get; set; }

    /// <summary>
    /// When the run's app last converged (its last deploy, upgrade or reattach): Swarm's update monitor window may
    /// still be open then, so Assert checks afterwards that nothing rolled back or ended since.
    /// </summary>
    public DateTimeOffset? ConvergedAt { get; set; }

    /// <summary>
    /// JSON array of warnings: what is wrong but does not fail the run (a version label that was not bumped). Each
    /// also shows as a JUnit case.
    /// </summary>
    public string? WarningsJson { get; set; }

    /// <summary>JSON object: phase name to seconds (deploy, reattach, upgrade, health, assert, restore, undeploy...).</summary>
    public string PhaseDurationsJson { get; set; } = "{}";

    public string? ReportPath { get; set; }
    public string? ReportXml { get; set; }

    /// <summary>The run that dispatched this one (a quick run falling back to cold, a nightly sweep).</summary>
    public string? ParentRunId { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
