using Recipes.Ci.Configuration;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.UnitTests.Runs;

public sealed class RunWorkTreesTests
{
    [Fact]
    public void Teardown_removes_exactly_the_runs_own_work_trees_and_never_a_serve_canonicals_or_another_runs()
    {
        using var folder = new TempFolder("worktrees");
        var options = new RecipeCiOptions(folder.Path, "ci.localhost", 1, new RecipePaths("r", "t", "s", "a"),
            new PersistenceOptions(DatabaseProvider.Sqlite, "Data Source=x"), new DockerOptions(new Uri("unix:///var/run/docker.sock")),
            AppLockOptions.Default, TimeSpan.FromSeconds(1));
        const string run = "0123456789abcdef0123456789abcdef";
        var recipe = Path.Combine(options.WorkTreesRoot, "app");
        string[] own = [run, run + "-c", run + "-r", RunWorkTrees.Tenant(run), run + ".partial-1a2b3c4d"];
        // A serve-canonical the run dispatched (old and new naming), and a run whose id the run's is a prefix of.
        string[] others = [RunWorkTrees.Serve("fedcba9876543210fedcba9876543210"), run + "-s", run + "0", run + "-c0"];
        foreach (var name in own.Concat(others))
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(recipe, name)).FullName, "compose.yml"), "x");

        RunWorkTrees.Delete(options, "app", run);

        Assert.Equal(others.Order(StringComparer.Ordinal), Directory.GetDirectories(recipe).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
