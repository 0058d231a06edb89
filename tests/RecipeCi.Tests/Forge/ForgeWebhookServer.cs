using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RecipeCi.Server;
using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;
using Recipes.Ci.Runs;
using TestKit;
using Workflows.Core.Persistence;

namespace RecipeCi.Tests.Forge;

/// <summary>
/// A real <c>recipeci serve</c> composition in this process with <c>Forge:*</c> pointing at a fake Gitea, and one
/// recipe cloned from a bare repository standing in for the forge (so it has <c>origin</c>). Docker points at a socket
/// that does not exist: dispatched runs end in error at their first deploy, which is all these tests need (they are
/// about which events start which run of which commit).
/// </summary>
public sealed class ForgeWebhookServer : IAsyncLifetime
{
    public const string PublicUrl = "https://ci.example.org";

    private readonly TempFolder _data = new("forge-events");
    private WebApplication? _app;

    public Uri BaseUri { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public IServiceProvider Services => _app!.Services;
    public ForgeRepository Forge { get; private set; } = null!;
    public FakeGitea Gitea { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var recipe = UniqueName.For("fe");
        Forge = new ForgeRepository(_data.Path, recipe);
        Gitea = new FakeGitea(Forge.FullName);
        await Gitea.StartAsync();
        var recipes = Directory.CreateDirectory(Path.Combine(_data.Path, "recipes")).FullName;
        new RecipeRemotes(recipes, ForgeOptions.None, NullLogger<RecipeRemotes>.Instance).Add(RecipeName.Parse(recipe), Forge.BarePath);
        var workflows = Directory.CreateDirectory(Path.Combine(_data.Path, "workflows")).FullName;
        RepositoryFlows.CopyCiFlowsTo(workflows);

        _app = ServerBuilder.Build(
        [
            "--urls", BaseUri.ToString().TrimEnd('/'),
            "--DataDir", Path.Combine(_data.Path, "data"),
            "--Workflows:Folder", workflows,
            "--Recipes:Root", recipes,
            "--Ci:WebhookSecret", Webhooks.WebhookServer.Secret,
            "--Ci:ApiKey", Webhooks.WebhookServer.ApiKey,
            "--Docker:Endpoint", "unix://" + Path.Combine(_data.Path, "no-docker.sock"),
            "--Forge:Kind", "Gitea",
            "--Forge:Url", Gitea.Url.ToString(),
            "--Forge:Token", FakeForge.Token,
            "--Forge:PublicUrl", PublicUrl,
        ], "text");
        await _app.StartAsync();
        await WaitForCiAsync();
    }

    private async Task WaitForCiAsync()
    {
        await Eventually.UntilAsync(async () =>
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUri, "elsa/api/workflow-definitions/by-definition-id/ci?versionOptions=Published"));
            probe.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", Webhooks.WebhookServer.ApiKey);
            using var response = await Http.SendAsync(probe);
            return (int)response.StatusCode;
        }, status => status is >= 200 and <= 299, TimeSpan.FromSeconds(60), status => $"The ci flow was not imported: {status}", TimeSpan.FromMilliseconds(200));
    }

    public async Task<(int Status, string Body)> PostAsync(byte[] body, IEnumerable<(string Name, string Value)> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "workflows/ci")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<RunRecord?> RunAsync(string runId) => Services.GetRequiredService<RunRecords>().GetAsync(runId, CancellationToken.None);

    /// <summary>
    /// Instances of the workflow the webhook starts (the owner of its reserved path). Not every instance: runs accepted
    /// by earlier tests of the class go on in the background and start children of their own at any moment.
    /// </summary>
    public async Task<long> WebhookInstanceCountAsync() =>
        await Services.GetRequiredService<IWorkflowInstanceStore>().CountAsync(
            new WorkflowInstanceFilter { DefinitionId = RecipeCi.Webhooks.CiWebhookExtensions.ReservedPath.OwnerDefinitionId }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Gitea.DisposeAsync();
        _data.Dispose();
    }
}
