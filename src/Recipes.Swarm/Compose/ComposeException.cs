namespace Recipes.Swarm.Compose;

/// <summary>The compose files cannot be turned into a stack. <see cref="Errors"/> holds every problem found, not just the first.</summary>
public sealed class ComposeException(IReadOnlyList<ComposeDiagnostic> errors)
    : Exception("Invalid compose files:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<ComposeDiagnostic> Errors { get; } = errors;
}
