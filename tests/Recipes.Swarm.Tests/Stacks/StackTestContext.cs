using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>The deployer, remover and queries wired to the test engine, and a loader for the swarm-* fixture recipes.</summary>
public sealed class StackTestContext(IDockerClient docker, SwarmOptions? swarm = null)
{
    public IStackDeployer Deployer { get; } = new StackDeployer(docker,
        new StackResourceProvisioner(docker,
            new ExternalNetworks(docker, swarm ?? SwarmOptions.Default, NullLogger<ExternalNetworks>.Instance),
            NullLogger<StackResourceProvisioner>.Instance),
        new ConvergenceWatcher(docker, NullLogger<ConvergenceWatcher>.Instance),
        new StopFirstUpdate(docker, NullLogger<StopFirstUpdate>.Instance),
        NullLogger<StackDeployer>.Instance);

    public IStackRemover Remover { get; } = new StackRemover(docker, NullLogger<StackRemover>.Instance);

    public IStackQueries Queries { get; } = new StackQueries(docker);

    public static string RecipeVersion(string recipe, string version) => Path.Combine(TestEnvironment.FixtureRecipesRoot, recipe, version);

    public static async Task<StackDeployRequest> RequestAsync(AppName app, string recipe, string version, int port, AppRole role = AppRole.Run,
        IReadOnlyDictionary<string, string>? variables = null)
    {
        var directory = RecipeVersion(recipe, version);
        var env = await AppEnvironment.ForAppAsync(directory, app, $"{app}.test.example",
            new Dictionary<string, string>(variables ?? new Dictionary<string, string>()) { ["PORT"] = port.ToString() });
        var project = await new ComposeLoader().LoadAsync(directory, env);
        return new StackDeployRequest(app, role, project, TimeSpan.FromSeconds(90));
    }
}
