using Recipes.Ci.Catalog;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Runs;

/// <summary>A recipe at one commit, loaded for one app: work tree, env, compose project and recipeci.yml.</summary>
public sealed record AppSpec(AppName App, RecipeWorkTree WorkTree, AppEnvironment Environment, ComposeProject Project, RecipeCiConfig Config)
{
    /// <summary>An image the app already uses, for the snapshot helper containers (no registry needed).</summary>
    public string HelperImage => Project.Services.Values.Select(s => s.Image).First();
}
