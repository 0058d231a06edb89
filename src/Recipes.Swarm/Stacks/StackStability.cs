namespace Recipes.Swarm.Stacks;

/// <summary>
/// Whether a deployed stack stayed as its deploy left it: <see cref="Stable"/> is false when Swarm rolled back or paused
/// a service, a task ended, or a service does not run its desired replicas; <see cref="Failures"/> names each such
/// service and why, as a failed deploy does.
/// </summary>
public sealed record StackStability(string Stack, bool Stable, IReadOnlyList<ServiceFailure> Failures)
{
    public override string ToString() => Stable ? $"{Stack}: stable" : $"{Stack}: unstable: " + string.Join("; ", Failures);
}
