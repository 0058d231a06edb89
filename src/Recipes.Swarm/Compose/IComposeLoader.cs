namespace Recipes.Swarm.Compose;

/// <summary>Loads a recipe's compose files for one app.</summary>
public interface IComposeLoader
{
    /// <summary>
    /// Reads <c>compose.yml</c> and the overlays named in the env's <c>COMPOSE_FILE</c> from
    /// <paramref name="recipeDirectory"/>, interpolates and merges them. Throws <see cref="ComposeException"/> listing
    /// every error; warnings (unsupported keys, unset variables) are on the result.
    /// </summary>
    Task<ComposeProject> LoadAsync(string recipeDirectory, AppEnvironment environment, CancellationToken cancellationToken = default);
}
