namespace Recipes.Swarm.Compose;

/// <summary>A problem found while loading compose files: the file, the key path (e.g. <c>services.app.deploy.replicas</c>), and what is wrong.</summary>
public sealed record ComposeDiagnostic(string File, int Line, string Path, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Path}: {Message}" : $"{File}: {Path}: {Message}";
}
