using Workflows.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Workflows.Core.Persistence;
using Workflows.Core.Persistence.InMemory;
using Workflows.Hosting.Api;
using Workflows.Hosting.Security;
using Workflows.Hosting.Studio;

namespace Workflows.Hosting.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the Studio pages and the Elsa API over in-memory stores, configured
/// exactly as the composition root does it (AddStudio + AddElsaApi, MapStudio + MapElsaApi).
/// </summary>
public sealed class StudioTestServer : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789";

    private readonly WebApplication _app;

    private StudioTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IWorkflowDefinitionStore Definitions => _app.Services.GetRequiredService<IWorkflowDefinitionStore>();

    public IServiceProvider Services => _app.Services;

    public static async Task<StudioTestServer> StartAsync(string? apiKey = ApiKey, string? bundlePath = null)
    {
        var port = TestKit.FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        if (bundlePath is not null)
            builder.Configuration["Studio:BundlePath"] = bundlePath;
        builder.Services.AddSingleton<IWorkflowDefinitionStore, InMemoryWorkflowDefinitionStore>();
        builder.Services.AddSingleton<ITriggerStore, InMemoryTriggerStore>();
        builder.Services.AddWorkflowsHosting(hosting => hosting
            .UseStudio(builder.Configuration, new StudioSecurityOptions(apiKey, "Ci:ApiKey"))
            .UseElsaApi());

        var app = builder.Build();
        app.MapWorkflowsHosting();
        await app.StartAsync();
        return new StudioTestServer(app, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>A client that follows no redirects (so 302 vs 401 is visible), optionally with the API key.</summary>
    public HttpClient CreateClient(string? apiKey = null, System.Net.CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null };
        if (cookies is not null)
            handler.CookieContainer = cookies;
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + apiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
