using System.Net;
using System.Text.Json.Nodes;

namespace RecipeCi.Tests.Security;

/// <summary>
/// Issue 16 finding 6 and 12 (logout): Studio sessions live on the server. Signing out ends the session for good, also
/// for a copy of the cookie and after a restart, while other sessions survive the restart; a foreign page cannot sign
/// the user out.
/// </summary>
public sealed class StudioSessionTests
{
    private const string Api = "elsa/api/workflow-definitions";

    [Fact]
    public async Task Signing_out_ends_the_session_for_a_copied_cookie_also_after_a_restart()
    {
        await using var server = await SecurityServer.StartAsync();
        var leaving = new CookieContainer();
        using var leavingClient = server.Client(leaving);
        var leavingCookie = await server.LoginAsync(leavingClient, leaving);
        var staying = new CookieContainer();
        using var stayingClient = server.Client(staying);
        var stayingCookie = await server.LoginAsync(stayingClient, staying);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(server, leavingCookie));

        using var logout = await leavingClient.PostAsync("studio/logout", null);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        // The cookie as it was before sign-out (a copy an attacker kept) no longer works.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(server, leavingCookie));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(server, stayingCookie));

        await server.RestartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(server, leavingCookie));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(server, stayingCookie));
    }

    [Fact]
    public async Task A_key_change_ends_every_session()
    {
        await using var server = await SecurityServer.StartAsync();
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);
        var cookie = await server.LoginAsync(client, cookies);

        await server.RestartAsync("--Ci:ApiKey", "another-security-test-key-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(server, cookie));
    }

    [Fact]
    public async Task A_foreign_page_cannot_sign_the_user_out()
    {
        await using var server = await SecurityServer.StartAsync();
        var cookies = new CookieContainer();
        using var client = server.Client(cookies);
        var cookie = await server.LoginAsync(client, cookies);

        foreach (var (header, value) in new[] { ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "studio/logout");
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(server, cookie));
    }

    [Fact]
    public async Task Wrong_keys_are_answered_429_after_ten_a_minute_and_so_are_floods_of_login_posts()
    {
        await using var server = await SecurityServer.StartAsync();
        using var wrong = server.Client(apiKey: "wrong-key-wrong-key-wrong-key-0");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            using var response = await wrong.GetAsync(Api);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("too-many-attempts", body["error"]?.ToString());
            }
        }
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The login form counts too: wrong keys there are refused with 429 now as well.
        using var form = server.Client(new CookieContainer());
        using var attempt = await form.PostAsync("studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = "guess" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, attempt.StatusCode);
    }

    [Fact]
    public async Task Login_posts_are_rate_limited_per_client_whatever_the_key()
    {
        await using var server = await SecurityServer.StartAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 22; i++)
        {
            var cookies = new CookieContainer();
            using var client = server.Client(cookies);
            using var response = await client.PostAsync("studio/login",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = SecurityServer.ApiKey }));
            statuses.Add(response.StatusCode);
        }
        Assert.Equal(20, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    private static async Task<HttpStatusCode> StatusWithCookieAsync(SecurityServer server, string cookie)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, Api);
        request.Headers.TryAddWithoutValidation("Cookie", "recipeci.studio=" + cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
