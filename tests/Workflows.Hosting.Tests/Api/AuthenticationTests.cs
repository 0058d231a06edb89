using System.Net;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Api;

/// <summary>DESIGN section 7: API key or session cookie on /elsa/api; 401 JSON, never a redirect.</summary>
public sealed class AuthenticationTests
{
    [Theory]
    [InlineData("/elsa/api/descriptors/activities")]
    [InlineData("/elsa/api/workflow-definitions/by-definition-id/anything")]
    [InlineData("/elsa/api/no-such-endpoint")]
    public async Task Without_credentials_the_API_answers_401_JSON_and_no_redirect(string path)
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient();
        var (response, body) = await client.GetJsonAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("unauthorized", body.Str("error"));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_right_key_works()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var wrong = server.CreateClient(apiKey: StudioTestServer.ApiKey + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        using var right = server.CreateClient(apiKey: StudioTestServer.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await right.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task The_login_page_exchanges_the_key_for_an_HttpOnly_strict_cookie_that_the_API_accepts()
    {
        await using var server = await StudioTestServer.StartAsync();
        var cookies = new CookieContainer();
        using var client = server.CreateClient(cookies: cookies);

        var page = await client.GetAsync("/studio/definitions/x");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/studio/login", page.Headers.Location!.ToString());

        var refused = await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = "nope" }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(cookies.GetCookies(server.BaseAddress));

        var login = await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apiKey"] = StudioTestServer.ApiKey, ["returnUrl"] = "/studio/definitions/x",
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/studio/definitions/x", login.Headers.Location!.ToString());
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/studio/definitions/x")).StatusCode);

        // A state-changing call from another site riding on the cookie is refused.
        var crossSite = new HttpRequestMessage(HttpMethod.Post, "/elsa/api/workflow-definitions/x/retract") { Content = new StringContent("{}") };
        crossSite.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(crossSite)).StatusCode);
    }

    [Fact]
    public async Task Login_never_redirects_off_site()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(cookies: new CookieContainer());
        var login = await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["apiKey"] = StudioTestServer.ApiKey, ["returnUrl"] = "//evil.example/studio",
        }));
        Assert.Equal("/studio", login.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Without_a_configured_key_everything_is_refused_and_the_login_page_says_how_to_set_it()
    {
        await using var server = await StudioTestServer.StartAsync(apiKey: null);
        using var client = server.CreateClient(apiKey: "anything");
        var (response, body) = await client.GetJsonAsync("/elsa/api/descriptors/activities");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Ci:ApiKey", body.Str("message"));

        var login = await client.GetStringAsync("/studio/login");
        Assert.Contains("No API key is configured", login);
        Assert.Contains("Ci:ApiKey", login);
        var attempt = await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = "" }));
        Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
    }
}
