using Recipes.Ci.Catalog;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>
/// Checks a recipe out at a ref into the run's work tree and loads it as an app, with the env abra would give it.
/// Later sources win: the recipe's <c>.env.sample</c> (the app's <c>.env</c>), the CI side's
/// <c>Recipes:TestsRoot/&lt;recipe&gt;/.env</c> (e.g. a port), the literal assignments of the recipe's <c>abra.sh</c>
/// at that commit (config versions; abra merges them over the app's <c>.env</c> before every deploy), then
/// <c>STACK_NAME</c> and <c>DOMAIN</c>. Then it gives the app's generated secrets their values (<see cref="AppSecrets"/>).
/// </summary>
public sealed class AppSpecLoader(RecipeCatalog catalog, RecipeCiOptions options, IComposeLoader compose, AppSecrets secrets)
{
    public const string OverrideEnvFile = ".env";

    public async Task<AppSpec> LoadAsync(string recipe, string gitRef, string workTreeRun, AppName app, CancellationToken cancellationToken)
    {
        var name = RecipeName.Parse(recipe);
        var workTree = await catalog.CheckoutAsync(name, gitRef, RunId.Parse(workTreeRun), cancellationToken);
        var overrides = new Dictionary<string, string>(await OverridesAsync(recipe, cancellationToken), StringComparer.Ordinal);
        foreach (var (key, value) in await AbraShFile.ReadAsync(workTree.Path, cancellationToken)) overrides[key] = value;
        var environment = await AppEnvironment.ForAppAsync(workTree.Path, app, $"{app.Value}.{options.Domain}", overrides, cancellationToken);
        var project = await compose.LoadAsync(workTree.Path, environment, cancellationToken);
        var config = new RecipeCiConfigReader(options.Paths.TestsRoot).Read(name, workTree.Path);
        var values = await secrets.ResolveAsync(recipe, app, workTree.Path, environment, project, cancellationToken);
        return new AppSpec(app, workTree, environment, project, config) { Secrets = values };
    }

    private async Task<IReadOnlyDictionary<string, string>> OverridesAsync(string recipe, CancellationToken cancellationToken)
    {
        var file = Path.Combine(options.Paths.TestsRoot, recipe, OverrideEnvFile);
        return File.Exists(file)
            ? EnvFile.Parse(await File.ReadAllTextAsync(file, cancellationToken), file)
            : new Dictionary<string, string>();
    }
}
