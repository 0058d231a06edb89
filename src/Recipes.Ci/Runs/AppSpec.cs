using Recipes.Ci.Catalog;
using Recipes.Ci.Secrets;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// A recipe at one commit, loaded for one app: work tree, env, compose project and recipeci.yml, and the values of
/// its generated (or CI-fixed) secrets.
/// </summary>
public sealed record AppSpec(AppName App, RecipeWorkTree WorkTree, AppEnvironment Environment, ComposeProject Project, RecipeCiConfig Config)
{
    /// <summary>The app's <c>external: true</c> secrets recipeci gives values to (see <see cref="AppSecrets"/>).</summary>
    public IReadOnlyList<AppSecret> Secrets { get; init; } = [];

    /// <summary>An image the app already uses, for the snapshot helper containers (no registry needed).</summary>
    public string HelperImage => Project.Services.Values.Select(s => s.Image).First();

    /// <summary>The secret values by compose key, for the deploy to create the missing Docker secrets from.</summary>
    public IReadOnlyDictionary<string, string> SecretValues => Secrets.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);

    /// <summary>The app's env plus each secret as <c>SECRET_&lt;KEY&gt;</c>: what the recipe's tests see of the app.</summary>
    public IReadOnlyDictionary<string, string> TestEnvironment
    {
        get
        {
            var env = new Dictionary<string, string>(Environment.Variables, StringComparer.Ordinal);
            foreach (var secret in Secrets) env[secret.EnvironmentName] = secret.Value;
            return env;
        }
    }

    /// <summary>The deploy of this spec as <paramref name="role"/>, with its secret values.</summary>
    public StackDeployRequest DeployRequest(AppRole role) => new(App, role, Project, Config.Timeouts.Converge) { SecretValues = SecretValues };
}
