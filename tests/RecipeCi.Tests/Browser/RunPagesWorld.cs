using Docker.DotNet.Models;
using Microsoft.AspNetCore.Builder;
using RecipeCi.Server;
using TestKit;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// The real <c>recipeci serve</c> composition in this process on real Docker Swarm, with three recipes made at test
/// time from the <c>hello</c> fixture (the fastest app to deploy): one whose CI-side tests pass, one where one of two
/// tests fails (printing what it expected), one whose compose file does not parse (its deploy breaks: an error).
/// Every stack and volume those recipes' apps make is removed at the end.
/// </summary>
public sealed class RunPagesWorld : IAsyncDisposable
{
    public const string ApiKey = "run-pages-api-key-0123456789";
    public const string Secret = "run-pages-webhook-secret";
    public const string Version = "1.0.0+1.0";

    private readonly TempFolder _folder = new("run-pages");
    private readonly DockerResources _docker;
    private WebApplication? _app;

    public RunPagesWorld(DockerFixture docker)
    {
        _docker = docker.Track();
        Passing = AddRecipe("hello", "pass", """
            tests:
              - name: greeting
                command: busybox wget -q -O - "http://127.0.0.1:$PORT/" | grep hello
                timeout: 20s
            """);
        Failing = AddRecipe("hello", "fail", """
            tests:
              - name: greeting
                command: busybox wget -q -O - "http://127.0.0.1:$PORT/" | grep hello
                timeout: 20s
              - name: farewell
                command: 'echo "expected <goodbye world> from the app, got $(busybox wget -q -O - http://127.0.0.1:$PORT/)"; exit 1'
                timeout: 20s
            """);
        Erroring = AddBrokenRecipe();
    }

    public string Passing { get; }
    public string Failing { get; }
    public string Erroring { get; }
    public Uri BaseAddress { get; private set; } = null!;

    private string DataDir => Path.Combine(_folder.Path, "data");
    private string RecipesRoot => Path.Combine(_folder.Path, "recipes");
    private string TestsRoot => Path.Combine(_folder.Path, "recipe-tests");

    /// <summary>Starts (or restarts, on the same data) the server with <paramref name="extraArgs"/>.</summary>
    public async Task StartAsync(params string[] extraArgs)
    {
        await StopAsync();
        var workflows = Directory.CreateDirectory(Path.Combine(_folder.Path, "workflows")).FullName;
        foreach (var name in new[] { "ci", "quick", "cold", "run-tail", "promote-on-green", "serve-canonical" })
            File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", name + ".json"), Path.Combine(workflows, name + ".json"), overwrite: true);
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _app = ServerBuilder.Build(
        [
            "--urls", BaseAddress.ToString().TrimEnd('/'),
            "--DataDir", DataDir,
            "--Workflows:Folder", workflows,
            "--Recipes:Root", RecipesRoot,
            "--Recipes:TestsRoot", TestsRoot,
            "--Snapshots:Root", Path.Combine(_folder.Path, "snapshots"),
            "--Alerts:Root", Path.Combine(_folder.Path, "alerts"),
            "--Ci:WebhookSecret", Secret,
            "--Ci:ApiKey", ApiKey,
            "--Ci:WarmCanonicals", "false",
            "--Ci:UndeployTimeout", "60",
            "--Docker:Endpoint", TestEnvironment.DockerEndpoint.ToString(),
            .. extraArgs,
        ], "text");
        await _app.StartAsync();
    }

    /// <summary><c>recipeci trigger --wait</c> as a process, holding only the webhook secret.</summary>
    public Task<(int ExitCode, string Output)> TriggerAndWaitAsync(string recipe) =>
        RecipeCiProcess.RunAsync(
            ["trigger", "--server", BaseAddress.ToString(), "--recipe", recipe, "--ref", Version, "--mode", "cold", "--wait", "--timeout", "300"],
            TimeSpan.FromMinutes(6), new Dictionary<string, string> { ["RECIPECI_WEBHOOK_SECRET"] = Secret });

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Admin()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ApiKey);
        return client;
    }

    private string AddRecipe(string fixture, string purpose, string ciTests)
    {
        var name = UniqueName.For(purpose);
        new FixtureRecipes().CreateRepository(fixture, RecipesRoot, name);
        var tests = Directory.CreateDirectory(Path.Combine(TestsRoot, name)).FullName;
        File.WriteAllText(Path.Combine(tests, ".env"), $"PORT={FreePort.Next()}\n");
        File.WriteAllText(Path.Combine(tests, "recipeci.yml"), ciTests + "\n");
        return name;
    }

    private string AddBrokenRecipe()
    {
        var name = UniqueName.For("error");
        var fixtures = Path.Combine(_folder.Path, "fixtures");
        var version = Directory.CreateDirectory(Path.Combine(fixtures, name, Version)).FullName;
        File.WriteAllText(Path.Combine(version, "compose.yml"), "version: \"3.8\"\nservices:\n  app: [this is not, a service\n");
        new FixtureRecipes(fixtures).CreateRepository(name, RecipesRoot);
        Directory.CreateDirectory(Path.Combine(TestsRoot, name));
        return name;
    }

    private async Task StopAsync()
    {
        if (_app is null)
            return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        // Every stack and volume our recipes' apps made, whatever ran (ci-<recipe>-*, warm-<recipe>).
        var volumes = await _docker.Client.Volumes.ListAsync(new VolumesListParameters());
        var services = await _docker.Client.Swarm.ListServicesAsync(new ServiceListParameters());
        foreach (var recipe in new[] { Passing, Failing, Erroring })
        {
            _docker.Stack($"warm-{recipe}");
            foreach (var s in services.Where(s => s.Spec?.Name?.StartsWith($"ci-{recipe}-", StringComparison.Ordinal) == true))
                _docker.Stack(s.Spec!.Labels?.TryGetValue("com.docker.stack.namespace", out var stack) == true ? stack : s.Spec.Name!);
            foreach (var v in volumes.Volumes ?? [])
                if (v.Name.StartsWith($"ci-{recipe}-", StringComparison.Ordinal) || v.Name.StartsWith($"warm-{recipe}_", StringComparison.Ordinal))
                    _docker.Volume(v.Name);
        }
        await _docker.DisposeAsync();
        _folder.Dispose();
    }
}
