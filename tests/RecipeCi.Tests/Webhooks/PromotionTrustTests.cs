using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;
using RecipeCi.Tests.Packaging;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using TestKit;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// Issue 16, finding 1: a pull request became the canonical. Through a real <c>recipeci serve</c> and the Swarm: a
/// Gitea <c>pull_request</c> opened event for a recipe without a canonical falls back to cold, passes and does not
/// promote (nothing is served as warm-&lt;recipe&gt;); a generic cold run of the PR's branch neither; a cold run of
/// the default branch does.
/// </summary>
[Trait("Category", "Services")]
public sealed class PromotionTrustTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task A_pull_request_and_a_cold_run_of_its_branch_pass_without_promoting_and_a_cold_run_of_the_default_branch_promotes()
    {
        using var folder = new TempFolder("promote-trust");
        await using var resources = docker.Track();
        var recipes = Directory.CreateDirectory(Path.Combine(folder.Path, "recipes")).FullName;
        var testsRoot = Path.Combine(folder.Path, "recipe-tests");
        var data = Path.Combine(folder.Path, "data");
        var recipe = UniqueName.For("ci");
        var repository = new FixtureRecipes().CreateRepository("ci-app", recipes, recipe);
        var prHead = AddPullRequestBranch(repository, "pr-7");
        Directory.CreateDirectory(Path.Combine(testsRoot, recipe));
        await File.WriteAllTextAsync(Path.Combine(testsRoot, recipe, ".env"), $"PORT={FreePort.Next()}\nINIT_SECONDS=0\n");
        var environment = new Dictionary<string, string>
        {
            ["RECIPECI_Recipes__TestsRoot"] = testsRoot,
            ["RECIPECI_Snapshots__Root"] = Path.Combine(folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(folder.Path, "alerts"),
            ["RECIPECI_Docker__Endpoint"] = TestEnvironment.DockerEndpoint.ToString(),
            ["RECIPECI_Ci__AppLockPoll"] = "1",
            ["RECIPECI_Ci__AppLockLease"] = "20",
            ["RECIPECI_Ci__UndeployTimeout"] = "60",
        };
        await using var db = RecipesDatabase(data);
        try
        {
            await using var server = await CiServer.StartAsync(data, recipes, environment);

            // 1. The PR opened: quick finds no canonical, falls back to cold, passes, and does not promote.
            var pr = await PostAsync(server, WebhookRequests.PullRequest(recipe, prHead), b => WebhookRequests.SignedGitea(b));
            var prRun = await FinishedRunAsync(server, db, pr);
            Assert.Equal(RunModes.ColdFallback, prRun.Mode);
            Assert.Equal(RunResults.Pass, prRun.Result);
            Assert.StartsWith($"not promoted: pull request 7 (ref '{prHead}')", prRun.Promotion ?? "");
            Assert.Contains("Ci:PromoteFrom = default-branch,tags", prRun.Promotion ?? "");
            Assert.Null(await db.GetRequiredService<CanonicalRegistry>().GetAsync(recipe, CancellationToken.None));
            // Nothing serves it: no warm-<recipe> stack.
            var services = await resources.Client.Swarm.ListServicesAsync(new ServiceListParameters());
            Assert.DoesNotContain(services, s => s.Spec?.Name?.StartsWith($"warm-{recipe}_", StringComparison.Ordinal) == true);

            // 2. A generic cold run of the PR's branch: passes, not promoted either.
            var branch = await PostAsync(server, WebhookRequests.Generic(recipe, "pr-7", mode: "cold"), b => WebhookRequests.SignedGeneric(b));
            var branchRun = await FinishedRunAsync(server, db, branch);
            Assert.Equal(RunResults.Pass, branchRun.Result);
            Assert.StartsWith("not promoted: ref 'pr-7'", branchRun.Promotion ?? "");
            Assert.Null(await db.GetRequiredService<CanonicalRegistry>().GetAsync(recipe, CancellationToken.None));

            // 3. A cold run of the default branch seeds the canonical at its tip.
            var main = await PostAsync(server, WebhookRequests.Generic(recipe, "master", mode: "cold"), b => WebhookRequests.SignedGeneric(b));
            var mainRun = await FinishedRunAsync(server, db, main);
            Assert.Equal(RunResults.Pass, mainRun.Result);
            Assert.Equal("seeded", mainRun.Promotion);
            var canonical = await db.GetRequiredService<CanonicalRegistry>().GetAsync(recipe, CancellationToken.None);
            Assert.Equal(mainRun.Commit, canonical?.Commit);
            Assert.NotEqual(prHead, canonical?.Commit);
        }
        finally
        {
            await TrackAppsAsync(resources, recipe);
        }
    }

    /// <summary>A branch with one commit on top of the default branch, as a pull request's head: returns its sha.</summary>
    private static string AddPullRequestBranch(string repositoryPath, string name)
    {
        using var repo = new Repository(repositoryPath);
        var main = repo.Head;
        var branch = repo.CreateBranch(name, main.Tip);
        Commands.Checkout(repo, branch);
        File.WriteAllText(Path.Combine(repositoryPath, "CHANGES.md"), "An unreviewed change.\n");
        Commands.Stage(repo, "CHANGES.md");
        var author = new Signature("recipeci tests", "tests@recipeci.invalid", DateTimeOffset.UnixEpoch);
        var commit = repo.Commit("Unreviewed change", author, author);
        Commands.Checkout(repo, main);
        return commit.Sha;
    }

    private static async Task<JsonObject> PostAsync(CiServer server, byte[] body, Func<byte[], (string, string)[]> sign)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/ci") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in sign(body))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202 && JsonNode.Parse(text)?["message"]?.GetValue<string>() is { } message
            && System.Text.RegularExpressions.Regex.Match(message, "[0-9a-f]{32}") is { Success: true } instance)
            text += "\n" + await server.DescribeAsync(instance.Value);
        Assert.True((int)response.StatusCode == 202, $"webhook answered {(int)response.StatusCode}: {text}\n{server.Process.Output}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<RunRecord> FinishedRunAsync(CiServer server, ServiceProvider db, JsonObject accepted)
    {
        var instanceId = accepted["instanceId"]!.GetValue<string>();
        var status = await server.WaitFinishedAsync(instanceId, Patience);
        Assert.True(status == "Finished", $"{status}: {await server.DescribeAsync(instanceId)}");
        var run = await db.GetRequiredService<RunRecords>().GetAsync(accepted["runId"]!.GetValue<string>(), CancellationToken.None);
        Assert.NotNull(run);
        return run;
    }

    private static ServiceProvider RecipesDatabase(string dataDir)
    {
        var services = new ServiceCollection();
        services.AddSingleton(AppLockOptions.Default);
        services.AddRecipesPersistence(new PersistenceOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir, "recipeci.db")}"));
        return services.BuildServiceProvider();
    }

    // The runs' cold apps and any warm-<recipe>, with their volumes.
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
