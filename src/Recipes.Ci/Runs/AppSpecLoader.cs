using Recipes.Ci.Catalog;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>
/// Checks a recipe out at a ref into the run's work tree and loads it as an app. CI-side variables for every app of
/// a recipe come from <c>Recipes:TestsRoot/&lt;recipe&gt;/.env</c> (e.g. a port), overriding the recipe's
/// <c>.env.sample</c>.
/// </summary>
public sealed class AppSpecLoader(RecipeCatalog catalog, RecipeCiOptions options, IComposeLoader compose)
{
    public const string OverrideEnvFile = ".env";

    public async Task<AppSpec> LoadAsync(string recipe, string gitRef, string workTreeRun, AppName app, CancellationToken cancellationToken)
    {
        var name = RecipeName.Parse(recipe);
        var workTree = await catalog.CheckoutAsync(name, gitRef, RunId.Parse(workTreeRun), cancellationToken);
        var environment = await AppEnvironment.ForAppAsync(workTree.Path, app, $"{app.Value}.{options.Domain}", await OverridesAsync(recipe, cancellationToken), cancellationToken);
        var project = await compose.LoadAsync(workTree.Path, environment, cancellationToken);
        var config = new RecipeCiConfigReader(options.Paths.TestsRoot).Read(name, workTree.Path);
        return new AppSpec(app, workTree, environment, project, config);
    }

    private async Task<IReadOnlyDictionary<string, string>> OverridesAsync(string recipe, CancellationToken cancellationToken)
    {
        var file = Path.Combine(options.Paths.TestsRoot, recipe, OverrideEnvFile);
        return File.Exists(file)
            ? EnvFile.Parse(await File.ReadAllTextAsync(file, cancellationToken), file)
            : new Dictionary<string, string>();
    }
}
