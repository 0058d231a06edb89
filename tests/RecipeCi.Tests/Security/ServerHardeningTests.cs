using System.Net;
using TestKit;

namespace RecipeCi.Tests.Security;

/// <summary>
/// Issue 16 findings 5 (files at rest), 9 (short key), 10 (behind a TLS proxy) and 12 (security headers) on a real
/// server composition.
/// </summary>
public sealed class ServerHardeningTests
{
    [Fact]
    public async Task The_data_folder_is_0700_and_the_database_with_its_wal_and_shm_0600()
    {
        await using var server = await SecurityServer.StartAsync();
        using var client = server.Client(apiKey: SecurityServer.ApiKey);
        // A write, so the WAL and shared-memory files exist.
        using var saved = await client.PostAsync("studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = SecurityServer.ApiKey }));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(server.DataDir));
        var database = Path.Combine(server.DataDir, "recipeci.db");
        var files = new[] { database, database + "-wal", database + "-shm" };
        foreach (var file in files)
        {
            Assert.True(File.Exists(file), $"{file} does not exist");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task An_API_key_shorter_than_24_characters_is_refused_at_start_with_exit_2_naming_the_key()
    {
        using var data = new TempFolder("short-key");
        var (exitCode, output) = await RecipeCiProcess.RunAsync(
            ["serve", "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--DataDir", data.Path, "--Ci:ApiKey", "x"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("Ci:ApiKey", output);
        Assert.Contains("at least 24", output);
    }

    [Fact]
    public async Task Behind_a_trusted_TLS_proxy_the_cookie_is_Secure_and_Studio_saves_from_the_https_origin_pass()
    {
        await using var server = await SecurityServer.StartAsync("--Http:ForwardedHeaders:KnownProxies", "127.0.0.1");
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);
        using var login = new HttpRequestMessage(HttpMethod.Post, "studio/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = SecurityServer.ApiKey }),
        };
        login.Headers.Add("X-Forwarded-Proto", "https");
        login.Headers.Add("Origin", $"https://{server.BaseUri.Authority}");
        using var loggedIn = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, loggedIn.StatusCode);
        Assert.Contains("secure", Assert.Single(loggedIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        using var keyed = server.Client(apiKey: SecurityServer.ApiKey);
        Assert.Equal(HttpStatusCode.OK, await RetractStatusAsync(keyed, server, forwardedProto: "https"));
    }

    [Fact]
    public async Task Without_a_trusted_proxy_forwarded_headers_are_ignored()
    {
        await using var server = await SecurityServer.StartAsync();
        using var login = new HttpRequestMessage(HttpMethod.Post, "studio/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = SecurityServer.ApiKey }),
        };
        login.Headers.Add("X-Forwarded-Proto", "https");
        using var client = server.Client(new CookieContainer());
        using var loggedIn = await client.SendAsync(login);
        Assert.DoesNotContain("secure", Assert.Single(loggedIn.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        using var keyed = server.Client(apiKey: SecurityServer.ApiKey);
        Assert.Equal(HttpStatusCode.Forbidden, await RetractStatusAsync(keyed, server, forwardedProto: "https"));
    }

    [Fact]
    public async Task Only_the_allowed_hosts_are_answered()
    {
        await using var server = await SecurityServer.StartAsync("--Http:AllowedHosts", "ci.example.org");
        using var client = server.Client();

        using var foreign = await client.GetAsync("studio/login");
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);

        using var allowed = new HttpRequestMessage(HttpMethod.Get, "studio/login");
        allowed.Headers.Host = "ci.example.org";
        using var answered = await client.SendAsync(allowed);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task The_login_page_carries_CSP_frame_ancestors_nosniff_referrer_policy_and_X_Frame_Options()
    {
        await using var server = await SecurityServer.StartAsync();
        using var client = server.Client();
        using var page = await client.GetAsync("studio/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src", csp);
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(page.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>A state-changing API call as Studio behind the proxy sends it: Origin https://host.</summary>
    private static async Task<HttpStatusCode> RetractStatusAsync(HttpClient client, SecurityServer server, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids")
        {
            Content = new StringContent("""{"definitionIds":[]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", $"https://{server.BaseUri.Authority}");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
