using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using RecipeCi.Server;
using TestKit;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// The real <c>recipeci serve</c> composition in this process (SQLite under a temp DataDir, the Recipes.* activities,
/// the flows imported from a copy of the repository's workflows/ at start, the <c>ci-app</c> fixture recipe, a Docker
/// endpoint that does not exist so dispatched runs stop at their first deploy and leave nothing behind).
/// </summary>
public sealed class RecipeCiBrowserServer : IAsyncDisposable
{
    public const string ApiKey = "browser-test-api-key-0123456789";
    public const string Secret = "browser-test-webhook-secret";
    public const string Recipe = "ci-app";

    private readonly TempFolder _data;
    private readonly WebApplication _app;

    private RecipeCiBrowserServer(TempFolder data, WebApplication app, Uri baseAddress)
    {
        _data = data;
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<RecipeCiBrowserServer> StartAsync()
    {
        var data = new TempFolder("browser");
        var recipes = Directory.CreateDirectory(Path.Combine(data.Path, "recipes")).FullName;
        new FixtureRecipes().CreateRepository(Recipe, recipes);
        var workflows = Directory.CreateDirectory(Path.Combine(data.Path, "workflows")).FullName;
        foreach (var name in new[] { "ci", "quick", "cold", "run-tail", "promote-on-green", "serve-canonical" })
            File.Copy(Path.Combine(TestEnvironment.RepositoryRoot, "workflows", name + ".json"), Path.Combine(workflows, name + ".json"));
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var app = ServerBuilder.Build(
        [
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--DataDir", data.Path,
            "--Workflows:Folder", workflows,
            "--Recipes:Root", recipes,
            "--Ci:WebhookSecret", Secret,
            "--Ci:ApiKey", ApiKey,
            "--Docker:Endpoint", "unix://" + Path.Combine(data.Path, "no-docker.sock"),
        ], "text");
        await app.StartAsync();
        return new RecipeCiBrowserServer(data, app, baseAddress);
    }

    public HttpClient CreateClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
