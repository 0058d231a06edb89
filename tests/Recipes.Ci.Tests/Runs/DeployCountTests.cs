using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Activities;
using Recipes.Ci.Configuration;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Ci.Tests.EndToEnd;
using Recipes.Swarm.Docker;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Runs;

/// <summary>
/// A Deploy step whose first attempt dies after Swarm created the app's services (here: cancelled while it waits for
/// convergence, as a crash would leave it) and that runs again: the re-run deploys an unchanged spec, yet the step
/// changed Docker state, so the run records exactly one deploy, also when the step runs a third time.
/// </summary>
[Trait("Category", "Services")]
public sealed class DeployCountTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task A_deploy_step_re_run_after_a_crash_records_one_deploy()
    {
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe(initSeconds: 6);
        var options = new RecipeCiOptions(world.DataDir, "ci.localhost", 1,
            new RecipePaths(world.RecipesRoot, world.TestsRoot, world.SnapshotsRoot, Path.Combine(world.DataDir, "alerts")),
            new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(world.DataDir, "recipeci.db")}"),
            new DockerOptions(TestEnvironment.DockerEndpoint), AppLockOptions.Default, TimeSpan.FromSeconds(60));
        Directory.CreateDirectory(world.DataDir);
        await using var services = new ServiceCollection().AddRecipesCi(options).BuildServiceProvider();
        await services.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var records = services.GetRequiredService<RunRecords>();
        const string runId = "0d0c0b0a09080706050403020100ffee";
        var record = await records.StartAsync(new RunStart(runId, "instance-" + runId, RunModes.Cold, recipe, "1.0.0+1.0", null, null, RunTriggers.Manual, null), CancellationToken.None);
        var app = RunApps.Cold(recipe, runId);
        var spec = await services.GetRequiredService<AppSpecLoader>().LoadAsync(recipe, "1.0.0+1.0", runId, app, CancellationToken.None);
        var deployer = services.GetRequiredService<AppDeployer>();
        const string step = "deploy-step-activity-instance";

        // First attempt: dies once Swarm has the services, before it could record anything after the deploy.
        using (var crash = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            var attempt = deployer.DeployAsync(Run(record, records), spec, AppRole.Run, "deploy", step, crash.Token);
            // The attempt ends by itself at the latest when the 2-minute crash token cancels it.
            await Eventually.UntilAsync(async () => attempt.IsCompleted || (await ServicesOfAsync(app.Value)).Count > 0, TimeSpan.FromMinutes(3),
                () => $"Swarm never had services of {app} and the deploy did not end", TimeSpan.FromMilliseconds(100));
            await crash.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
        }
        Assert.NotEmpty(await ServicesOfAsync(app.Value));
        Assert.Equal(0, (await records.GetAsync(runId, CancellationToken.None))!.DeployCount);

        // The re-run after the crash: the spec is deployed already, but this step put it there.
        var rerun = await deployer.DeployAsync(Run(record, records), spec, AppRole.Run, "deploy", step, CancellationToken.None);
        Assert.True(rerun.Succeeded, rerun.ToString());
        Assert.DoesNotContain(rerun.Changes, c => c.Kind is Swarm.Stacks.ServiceChangeKind.Created or Swarm.Stacks.ServiceChangeKind.Updated);
        Assert.Equal(1, (await records.GetAsync(runId, CancellationToken.None))!.DeployCount);

        // Once more (a crash after the count): still one.
        await deployer.DeployAsync(Run(record, records), spec, AppRole.Run, "deploy", step, CancellationToken.None);
        Assert.Equal(1, (await records.GetAsync(runId, CancellationToken.None))!.DeployCount);
        // Another step deploying the unchanged app changed nothing and counts nothing.
        await deployer.DeployAsync(Run(record, records), spec, AppRole.Run, "upgrade", "another-step", CancellationToken.None);
        Assert.Equal(1, (await records.GetAsync(runId, CancellationToken.None))!.DeployCount);
        spec.WorkTree.Dispose();
    }

    private static RunContext Run(RunRecord record, RunRecords records) =>
        new(record, records, TimeProvider.System, NullLogger.Instance);

    private async Task<IList<SwarmService>> ServicesOfAsync(string app) =>
        await docker.Client.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"com.docker.stack.namespace={app}"] = true } },
        });
}
