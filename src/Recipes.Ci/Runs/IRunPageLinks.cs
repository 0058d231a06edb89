namespace Recipes.Ci.Runs;

/// <summary>
/// The public address of a run's page: <c>{Forge:PublicUrl or the server's URL}/runs/{runId}?t={token}</c>, where the
/// token is unguessable and lets a person read that one run's page without the admin key.
/// </summary>
public interface IRunPageLinks
{
    /// <summary>The page URL of <paramref name="runId"/>, readable without the admin key.</summary>
    string PageUrl(string runId);
}
