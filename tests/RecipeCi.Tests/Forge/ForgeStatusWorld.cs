using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Docker.DotNet.Models;
using RecipeCi.Tests.Packaging;
using RecipeCi.Tests.Webhooks;
using TestKit;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// A real <c>recipeci serve</c> process reporting to a forge fake, with a <c>ci-app</c> recipe added by
/// <c>recipeci recipes add</c> from a bare repository standing in for the forge. Two pull requests are pushed there:
/// one whose tests pass and one whose schema test fails (its head only under <c>refs/pull/2/head</c>); both from the
/// recipe's own repository, so their own tests run (a fork's would not: see <see cref="ForkTrustTests"/>).
/// </summary>
public sealed class ForgeStatusWorld : IAsyncDisposable
{
    public const string PublicUrl = "https://ci.example.org";
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly TempFolder _folder = new("forge-status");
    private readonly DockerResources _resources;

    private ForgeStatusWorld(DockerFixture docker, Func<string, FakeForge> fake)
    {
        _resources = docker.Track();
        Recipes = Directory.CreateDirectory(Path.Combine(_folder.Path, "recipes")).FullName;
        Repository = new ForgeRepository(_folder.Path, UniqueName.For("fs"));
        Fake = fake(Repository.FullName);
    }

    public FakeForge Fake { get; }
    public ForgeRepository Repository { get; }
    public string Recipes { get; }
    public CiServer Server { get; private set; } = null!;

    /// <summary>The server's <c>Recipes:TestsRoot</c> (the CI side: <c>&lt;recipe&gt;/.env</c>, <c>&lt;recipe&gt;/recipeci.yml</c>).</summary>
    public string TestsRoot => Path.Combine(_folder.Path, "recipe-tests");

    /// <summary>The passing pull request's head (#1, a branch of the forge's repository).</summary>
    public string PassingSha { get; private set; } = "";

    /// <summary>The failing pull request's head (#2: its schema test expects a schema that never comes).</summary>
    public string FailingSha { get; private set; } = "";

    public static async Task<ForgeStatusWorld> StartAsync(DockerFixture docker, Func<string, FakeForge> fake, string kind, bool comment)
    {
        var world = new ForgeStatusWorld(docker, fake);
        await world.InitializeAsync(kind, comment);
        return world;
    }

    private async Task InitializeAsync(string kind, bool comment)
    {
        var (exit, output) = await RecipeCiProcess.RunAsync(["recipes", "add", Repository.Recipe, Repository.BarePath, "--Recipes:Root", Recipes]);
        Assert.True(exit == 0, output);
        PassingSha = Repository.CommitAndPush("1.1.0+1.0", "refs/heads/feature", "A passing change",
            work => File.AppendAllText(Path.Combine(work, "README.md"), "passing\n"));
        FailingSha = Repository.CommitAndPush("1.1.0+1.0", "refs/pull/2/head", "A fork's failing change", work =>
        {
            var yml = Path.Combine(work, "recipeci.yml");
            File.WriteAllText(yml, File.ReadAllText(yml).Replace("^[12]$", "^9$", StringComparison.Ordinal));
        });

        var testsRoot = TestsRoot;
        Directory.CreateDirectory(Path.Combine(testsRoot, Repository.Recipe));
        await File.WriteAllTextAsync(Path.Combine(testsRoot, Repository.Recipe, ".env"), $"PORT={FreePort.Next()}\nINIT_SECONDS=0\n");
        var environment = new Dictionary<string, string>
        {
            ["RECIPECI_Recipes__TestsRoot"] = testsRoot,
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
            ["RECIPECI_Docker__Endpoint"] = TestEnvironment.DockerEndpoint.ToString(),
            ["RECIPECI_Ci__AppLockPoll"] = "1",
            ["RECIPECI_Ci__UndeployTimeout"] = "60",
            ["RECIPECI_Forge__Kind"] = kind,
            ["RECIPECI_Forge__Url"] = Fake.Url.ToString(),
            ["RECIPECI_Forge__Token"] = FakeForge.Token,
            ["RECIPECI_Forge__PublicUrl"] = PublicUrl,
            ["RECIPECI_Forge__Comment"] = comment ? "true" : "false",
        };
        Server = await CiServer.StartAsync(Path.Combine(_folder.Path, "data"), Recipes, environment);
    }

    /// <summary>Sends the forge's signed <c>pull_request</c> webhook; returns the 202 answer.</summary>
    public async Task<JsonObject> PullRequestAsync(int number, string sha, bool github, bool fork = false)
    {
        var body = ForgePayloads.PullRequest(Repository, number, sha, fork: fork);
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/ci") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in github ? WebhookRequests.SignedGitHub(body) : WebhookRequests.SignedGitea(body))
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 202, $"webhook answered {(int)response.StatusCode}: {text}\n{Server.Process.Output}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Runs pull request <paramref name="number"/> to its end; returns its run id.</summary>
    public async Task<string> RunPullRequestAsync(int number, string sha, bool github, bool fork = false)
    {
        var accepted = await PullRequestAsync(number, sha, github, fork);
        var instanceId = accepted["instanceId"]!.ToString();
        var finished = await Server.WaitFinishedAsync(instanceId, Patience);
        // A failing run ends Finished/Faulted (an incident on its failing step); the statuses say which it was.
        Assert.True(finished is "Finished" or "Faulted", $"{finished}: {await Server.DescribeAsync(instanceId)}");
        return accepted["runId"]!.ToString();
    }

    /// <summary>Waits until the fake holds <paramref name="count"/> statuses for <paramref name="sha"/>.</summary>
    public async Task<IReadOnlyList<ReceivedStatus>> StatusesAsync(string sha, int count)
    {
        await Eventually.UntilAsync(() => Fake.StatusesOf(sha).Count >= count, Patience,
            () => $"only {Fake.StatusesOf(sha).Count} statuses for {sha}: {string.Join("; ", Fake.Statuses)}\n{Server.Process.Output}",
            TimeSpan.FromMilliseconds(250));
        return Fake.StatusesOf(sha);
    }

    /// <summary>pending, then the result, in context recipeci/quick, linking to the run's page.</summary>
    public void AssertPendingThen(IReadOnlyList<ReceivedStatus> statuses, string result, string runId)
    {
        Assert.Equal(["pending", result], statuses.Select(s => s.State));
        Assert.All(statuses, s => Assert.Equal("recipeci/quick", s.Context));
        Assert.All(statuses, s => Assert.Equal(Repository.FullName, s.Repository));
        Assert.All(statuses, s => Assert.StartsWith($"{PublicUrl}/runs/{runId}", s.TargetUrl));
        var described = System.Text.RegularExpressions.Regex.Match(statuses[1].Description ?? "", @"^(quick|cold \(fallback\)): (\d+)/(\d+) tests passed, \d+ deploys?, \d+ s$");
        Assert.True(described.Success, statuses[1].Description);
        var (passed, total) = (int.Parse(described.Groups[2].Value), int.Parse(described.Groups[3].Value));
        // Every test passed for success; some failed for failure (the schema test).
        Assert.True(total > 0 && (result == "success" ? passed == total : passed < total), statuses[1].Description);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
            await Server.DisposeAsync();
        await Fake.DisposeAsync();
        try
        {
            _resources.Stack("warm-" + Repository.Recipe);
            foreach (var service in await _resources.Client.Swarm.ListServicesAsync(new ServiceListParameters()))
                if (service.Spec?.Name?.StartsWith($"ci-{Repository.Recipe}-", StringComparison.Ordinal) == true)
                    _resources.Stack(service.Spec.Labels?.TryGetValue("com.docker.stack.namespace", out var stack) == true ? stack : service.Spec.Name);
            foreach (var volume in (await _resources.Client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? [])
                if (volume.Name.StartsWith($"warm-{Repository.Recipe}_", StringComparison.Ordinal) || volume.Name.StartsWith($"ci-{Repository.Recipe}-", StringComparison.Ordinal))
                    _resources.Volume(volume.Name);
        }
        finally
        {
            await _resources.DisposeAsync();
            _folder.Dispose();
        }
    }
}
