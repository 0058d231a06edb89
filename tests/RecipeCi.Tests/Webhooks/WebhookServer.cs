using System.Net.Http.Headers;
using System.Text;
using LibGit2Sharp;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecipeCi.Server;
using Recipes.Ci.Runs;
using Recipes.Ci.Webhooks;
using TestKit;
using Workflows.Core.Persistence;

namespace RecipeCi.Tests.Webhooks;

/// <summary>
/// A real <c>recipeci serve</c> composition in this process on a loopback port: SQLite under a temp DataDir, the
/// <c>ci</c>, <c>quick</c>, <c>cold</c> and <c>promote-on-green</c> flows imported from the repository's workflows/,
/// the <c>ci-app</c> fixture recipe, and a Docker endpoint that does not exist, so dispatched runs fail fast at their
/// first deploy and leave no Docker objects behind.
/// </summary>
public sealed class WebhookServer : IAsyncLifetime
{
    public const string Secret = "webhook-test-secret";
    public const string ApiKey = "webhook-test-api-key-0123456789";
    public const string Recipe = "ci-app";
    public const int MaxRequestBytes = 64 * 1024;

    private readonly TempFolder _data = new("webhook");
    private WebApplication? _app;

    public Uri BaseUri { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };
    public IServiceProvider Services => _app!.Services;

    /// <summary>The sha of the recipe's newest tag, a ref the catalog resolves.</summary>
    public string HeadSha { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var recipes = Directory.CreateDirectory(Path.Combine(_data.Path, "recipes")).FullName;
        var repoPath = new FixtureRecipes().CreateRepository(Recipe, recipes);
        using (var repo = new Repository(repoPath))
            HeadSha = repo.Head.Tip.Sha;
        var workflows = Directory.CreateDirectory(Path.Combine(_data.Path, "workflows")).FullName;
        RepositoryFlows.CopyCiFlowsTo(workflows);

        _app = ServerBuilder.Build(
        [
            "--urls", BaseUri.ToString().TrimEnd('/'),
            "--DataDir", _data.Path,
            "--Workflows:Folder", workflows,
            "--Recipes:Root", recipes,
            "--Ci:WebhookSecret", Secret,
            "--Ci:ApiKey", ApiKey,
            "--Http:MaxRequestBytes", MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Docker:Endpoint", "unix://" + Path.Combine(_data.Path, "no-docker.sock"),
        ], "text");
        await _app.StartAsync();
        await WaitForDefinitionAsync("ci");
    }

    private async Task WaitForDefinitionAsync(string definitionId)
    {
        var uri = new Uri(BaseUri, $"elsa/api/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published");
        await Eventually.UntilAsync(async () =>
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, uri);
            probe.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", ApiKey);
            using var response = await Http.SendAsync(probe);
            return (int)response.StatusCode;
        }, status => status is >= 200 and <= 299, TimeSpan.FromSeconds(60), status => $"Definition {definitionId} was not imported: {status}",
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>POSTs raw bytes to the webhook with exactly the given headers.</summary>
    public async Task<(int Status, string Body, HttpResponseMessage Response)> PostAsync(byte[] body, IEnumerable<(string Name, string Value)> headers,
        string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUri, "workflows/ci")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public async Task<Counts> CountAsync()
    {
        var instances = Services.GetRequiredService<IWorkflowInstanceStore>();
        var all = await instances.CountAsync(new WorkflowInstanceFilter(), CancellationToken.None);
        var ci = await instances.CountAsync(new WorkflowInstanceFilter { DefinitionId = "ci" }, CancellationToken.None);
        var runs = (await Services.GetRequiredService<RunRecords>().ListAsync(null, 100_000, CancellationToken.None)).Count;
        var deliveries = await Services.GetRequiredService<WebhookDeliveries>().CountAsync(CancellationToken.None);
        return new Counts(all, ci, runs, deliveries);
    }

    /// <summary>Waits until no instance is running (dispatched runs fail at their first deploy), so counts stay put.</summary>
    public async Task WaitUntilQuietAsync(TimeSpan timeout)
    {
        var instances = Services.GetRequiredService<IWorkflowInstanceStore>();
        await Eventually.UntilAsync(() => instances.CountAsync(new WorkflowInstanceFilter { Statuses = [WorkflowStatus.Running] }, CancellationToken.None),
            running => running == 0, timeout, running => $"Dispatched runs are still running ({running}).", TimeSpan.FromMilliseconds(250));
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _data.Dispose();
    }

    public sealed record Counts(long Instances, long CiInstances, int RunRecords, int Deliveries);
}
