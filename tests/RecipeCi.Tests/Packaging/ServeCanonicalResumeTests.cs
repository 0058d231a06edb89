using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using TestKit;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// The one Recipes.* activity that suspends, <c>Recipes.AcquireAppLock</c>, resumed in another process: a
/// serve-canonical waits for <c>warm-&lt;recipe&gt;</c> (held meanwhile by another run), its server is killed, and a new
/// server on the same data resumes it once the app is released. It keeps its inputs (the run that asked, the recipe),
/// holds the app for that run, serves the canonical and releases it: Finished, never Faulted with "has no run".
/// </summary>
[Trait("Category", "Services")]
public sealed class ServeCanonicalResumeTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_serve_canonical_waiting_for_the_app_resumes_after_a_restart_with_its_inputs_and_serves()
    {
        using var folder = new TempFolder("serve-resume");
        await using var resources = docker.Track();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        var testsRoot = Path.Combine(folder.Path, "recipe-tests");
        var dataDir = Path.Combine(folder.Path, "data");
        var recipe = UniqueName.For("ci");
        new FixtureRecipes().CreateRepository("ci-app", recipes, recipe);
        Directory.CreateDirectory(Path.Combine(testsRoot, recipe));
        await File.WriteAllTextAsync(Path.Combine(testsRoot, recipe, ".env"), $"PORT={FreePort.Next()}\nINIT_SECONDS=0\n");
        var environment = new Dictionary<string, string>
        {
            ["RECIPECI_Recipes__TestsRoot"] = testsRoot,
            ["RECIPECI_Snapshots__Root"] = Path.Combine(folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(folder.Path, "alerts"),
            ["RECIPECI_Docker__Endpoint"] = TestEnvironment.DockerEndpoint.ToString(),
            ["RECIPECI_Ci__AppLockPoll"] = "1",
            ["RECIPECI_Ci__AppLockLease"] = "120",
            ["RECIPECI_Ci__UndeployTimeout"] = "60",
            ["RECIPECI_Runtime__LeaseSeconds"] = "15",
        };
        var app = $"warm-{recipe}";
        await using var db = Domain(dataDir);
        try
        {
            await using var server = await CiServer.StartAsync(dataDir, recipes, environment);
            // A green cold run seeds the canonical (and its serve-canonical serves it).
            var cold = await DispatchAsync(server, "cold", new JsonObject { ["Recipe"] = recipe, ["Ref"] = "1.0.0+1.0", ["HealthUrl"] = "http://127.0.0.1:${PORT}/health" });
            Assert.Equal("Finished", await server.WaitFinishedAsync(cold, Patience));
            var canonical = await WaitAsync(() => db.GetRequiredService<CanonicalRegistry>().GetAsync(recipe, CancellationToken.None), "a canonical", server);
            await WaitAsync(async () => await db.GetRequiredService<CanonicalServing>().GetAsync(recipe, CancellationToken.None), "the canonical served", server);
            await WaitAsync(async () => await db.GetRequiredService<AppLocks>().GetHolderAsync(app, CancellationToken.None) is null ? "" : null, "the app free", server);

            // Another run holds the app (this process: alive, its lease long); a serve-canonical for the cold run waits.
            var locks = db.GetRequiredService<AppLocks>();
            Assert.True((await locks.TryAcquireAsync(app, "rct-holder", "rct-holder-instance", CancellationToken.None)).Acquired);
            var serve = await DispatchAsync(server, "serve-canonical", new JsonObject { ["Recipe"] = recipe, ["RunId"] = canonical.RunId });
            await WaitAsync(async () => (await locks.ListWaitersAsync(app, CancellationToken.None)).Contains(canonical.RunId) ? "" : null, "the serve-canonical waiting", server);
            await db.GetRequiredService<CanonicalServing>().ForgetAsync(recipe, CancellationToken.None);

            // Crash while it waits; the new process resumes it once the app is released to it.
            await server.RestartAfterCrashAsync();
            Assert.Equal(canonical.RunId, (await locks.ReleaseAsync(app, "rct-holder", CancellationToken.None))?.RunId);
            var finished = await server.WaitFinishedAsync(serve, Patience);
            Assert.True(finished == "Finished", $"{finished}: {await server.DescribeAsync(serve)}\n{server.Process.Output}");
            var instance = JsonNode.Parse(await server.Http.GetStringAsync($"elsa/api/workflow-instances/{serve}"))!;
            Assert.Equal("Served", instance["workflowState"]?["output"]?["Serving"]?.GetValue<string>() ?? instance["output"]?["Serving"]?.GetValue<string>());
            Assert.Equal(canonical.SnapshotId, (await db.GetRequiredService<CanonicalServing>().GetAsync(recipe, CancellationToken.None))?.SnapshotId);
            Assert.Empty(await locks.ListWaitersAsync(app, CancellationToken.None));
            Assert.Null(await locks.GetHolderAsync(app, CancellationToken.None));
        }
        finally
        {
            await TrackAppsAsync(resources, recipe);
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<string> DispatchAsync(CiServer server, string definition, JsonObject input)
    {
        using var response = await server.Http.PostAsJsonAsync($"elsa/api/workflow-definitions/{definition}/dispatch", new JsonObject { ["input"] = input });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"dispatch {definition}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["workflowInstanceId"]!.GetValue<string>();
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what, CiServer server) where T : class =>
        (await Eventually.UntilAsync(probe, value => value is not null, Patience, _ => $"never saw {what}:\n{server.Process.Output}",
            TimeSpan.FromMilliseconds(250)))!;

    /// <summary>The server's domain database, read and written from this test as another process would.</summary>
    private static ServiceProvider Domain(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var services = new ServiceCollection();
        services.AddSingleton(new AppLockOptions(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)));
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir, "recipeci.db")}"));
        return services.BuildServiceProvider();
    }

    private static async Task TrackAppsAsync(DockerResources resources, string recipe)
    {
        resources.Stack("warm-" + recipe);
        foreach (var service in await resources.Client.Swarm.ListServicesAsync(new ServiceListParameters()))
            if (service.Spec?.Name?.StartsWith($"ci-{recipe}-", StringComparison.Ordinal) == true)
                resources.Stack(service.Spec.Labels?.TryGetValue("com.docker.stack.namespace", out var stack) == true ? stack : service.Spec.Name);
        foreach (var volume in (await resources.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? [])
            if (volume.Name.StartsWith($"warm-{recipe}_", StringComparison.Ordinal) || volume.Name.StartsWith($"ci-{recipe}-", StringComparison.Ordinal))
                resources.Volume(volume.Name);
    }
}
