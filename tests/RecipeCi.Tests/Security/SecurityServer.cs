using System.Net;
using Microsoft.AspNetCore.Builder;
using RecipeCi.Server;
using TestKit;

namespace RecipeCi.Tests.Security;

/// <summary>
/// A real <c>recipeci serve</c> composition in this process on a loopback port, over SQLite in its own DataDir, with
/// extra configuration flags; <see cref="RestartAsync"/> stops it and starts a new one on the same data.
/// </summary>
public sealed class SecurityServer : IAsyncDisposable
{
    public const string ApiKey = "security-test-api-key-0123456789";

    private readonly TempFolder _root = new("security");
    private string[] _extraArgs;
    private WebApplication? _app;

    private SecurityServer(string[] extraArgs)
    {
        _extraArgs = extraArgs;
        BaseUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
    }

    public Uri BaseUri { get; }

    /// <summary>The data folder; created by the server itself (it does not exist before the first start).</summary>
    public string DataDir => Path.Combine(_root.Path, "data");

    public static async Task<SecurityServer> StartAsync(params string[] extraArgs)
    {
        var server = new SecurityServer(extraArgs);
        await server.StartAppAsync();
        return server;
    }

    /// <summary>Stops the server and starts it again on the same data, with <paramref name="extraArgs"/> added (a later flag wins).</summary>
    public async Task RestartAsync(params string[] extraArgs)
    {
        _extraArgs = [.. _extraArgs, .. extraArgs];
        await StopAsync();
        await StartAppAsync();
    }

    /// <summary>A client that follows no redirects and keeps cookies in <paramref name="cookies"/> when given.</summary>
    public HttpClient Client(CookieContainer? cookies = null, string? apiKey = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null };
        if (cookies is not null)
            handler.CookieContainer = cookies;
        var client = new HttpClient(handler) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(120) };
        if (apiKey is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + apiKey);
        return client;
    }

    /// <summary>Signs in with the key; returns the session cookie's value.</summary>
    public async Task<string> LoginAsync(HttpClient client, CookieContainer cookies)
    {
        using var login = await client.PostAsync("studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = ApiKey }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return cookies.GetCookies(BaseUri)["recipeci.studio"]?.Value ?? throw new InvalidOperationException("No session cookie was set.");
    }

    private async Task StartAppAsync()
    {
        _app = ServerBuilder.Build(
        [
            "--urls", BaseUri.ToString().TrimEnd('/'),
            "--DataDir", DataDir,
            "--Workflows:Folder", Path.Combine(_root.Path, "no-workflows"),
            "--Recipes:Root", Path.Combine(_root.Path, "recipes"),
            "--Ci:ApiKey", ApiKey,
            "--Docker:Endpoint", "unix://" + Path.Combine(_root.Path, "no-docker.sock"),
            .. _extraArgs,
        ], "text");
        await _app.StartAsync();
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
        _root.Dispose();
    }
}
