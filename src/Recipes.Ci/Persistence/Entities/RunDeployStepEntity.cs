namespace Recipes.Ci.Persistence.Entities;

/// <summary>
/// One deploying step of a run (a Deploy, Upgrade or Reattach activity instance), written before it touches Docker:
/// what the app's services were before (<see cref="Before"/>), so a re-run after a crash can tell that the first
/// attempt changed them, and whether the step's deploy has been counted (once, whatever the attempts).
/// </summary>
public sealed class RunDeployStepEntity
{
    public string RunId { get; set; } = string.Empty;

    /// <summary>The activity instance of the step: the same across re-runs of it, new for another step or loop turn.</summary>
    public string Step { get; set; } = string.Empty;

    /// <summary>SHA-256 of the app's services (id and version index) before the step first deployed.</summary>
    public string Before { get; set; } = string.Empty;

    public bool Counted { get; set; }

    public DateTimeOffset StartedAt { get; set; }
}
