using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TestKit;
using Workflows.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// Three cold runs on real Swarm started by <c>recipeci trigger --wait</c> (a process holding only the webhook secret):
/// it exits 0, 1 and 2 for the passing, failing and erroring run. The failing run's page, fetched without the admin key
/// through its link, shows the result and the failing test's output (in Chromium too, on a phone-sized screen); without
/// the token it is 404, the list 401, unless <c>Ci:PublicRunPages=true</c>. Studio's instance list (its POST) loads
/// and marks the failed runs Faulted. Screenshots go to tests/results/screenshots/.
/// </summary>
[Trait("Category", "Services")]
public sealed partial class RunPagesBrowserTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const float BootTimeout = 180_000;

    [Fact]
    public async Task Trigger_wait_exits_by_result_and_the_run_pages_and_Studio_show_the_failure()
    {
        await using var world = new RunPagesWorld(docker);
        await world.StartAsync();

        var runs = await Task.WhenAll(world.TriggerAndWaitAsync(world.Passing), world.TriggerAndWaitAsync(world.Failing), world.TriggerAndWaitAsync(world.Erroring));
        foreach (var (code, text) in runs)
            output.WriteLine($"exit {code}:\n{text}");
        Assert.Equal([0, 1, 2], runs.Select(r => r.ExitCode));
        Assert.Contains("result: pass", runs[0].Output);
        Assert.Contains("result: fail (assert: 1/3 tests failed (farewell))", runs[1].Output); // greeting, farewell and deploy-stable
        Assert.Contains("2/3 tests passed", runs[1].Output);
        Assert.Matches(@"result: error \(deploy: ", runs[2].Output);
        var failedPage = PageUrl(runs[1].Output);
        var passedPage = PageUrl(runs[0].Output);

        using var anonymous = world.Anonymous();
        var failed = await ReadJsonAsync(anonymous, failedPage);
        Assert.Equal("fail", failed["result"]!.ToString());
        var farewell = failed["tests"]!.AsArray().Single(t => t!["name"]!.ToString() == "farewell")!;
        Assert.Equal("failed", farewell["outcome"]!.ToString());
        Assert.Contains("expected <goodbye world> from the app, got hello", farewell["output"]!.ToString());
        Assert.Equal("pass", (await ReadJsonAsync(anonymous, passedPage))["result"]!.ToString());

        var html = await anonymous.GetAsync(failedPage);
        var body = await html.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Contains("result-fail", body);
        Assert.Contains("expected &lt;goodbye world&gt; from the app", body);
        Assert.DoesNotContain("<goodbye world>", body);
        Assert.StartsWith("default-src 'none'", html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("<script", body);

        var runId = failed["runId"]!.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"runs/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"runs/{runId}.json?t=not-the-token")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("runs")).StatusCode);
        using var admin = world.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"runs/{runId}")).StatusCode);
        Assert.Contains(world.Failing, await admin.GetStringAsync("runs"));

        await BrowseAsync(world, failedPage, failed["instanceId"]!.ToString());

        // Ci:PublicRunPages=true opens every page and the list without a token.
        await world.StartAsync("--Ci:PublicRunPages", "true");
        using var open = world.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync($"runs/{runId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await open.GetAsync("runs")).StatusCode);
    }

    /// <summary>The run page on a phone-sized screen without signing in, then Studio's instance list signed in.</summary>
    private async Task BrowseAsync(RunPagesWorld world, string failedPage, string failedInstanceId)
    {
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var problems = new List<string>();
        // A blocked style or script would be reported as a Content Security Policy violation (a missing favicon is not one).
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) problems.Add(m.Text); };
        var listCalls = new List<(int Status, string? Body)>();
        page.Response += (_, r) =>
        {
            if (r.Request.Method == "POST" && r.Url.EndsWith("/elsa/api/workflow-instances", StringComparison.Ordinal))
                lock (listCalls) listCalls.Add((r.Status, r.Request.PostData));
        };
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync(failedPage);
            await Assertions.Expect(page.Locator("header.result-fail")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".test-failed").Filter(new() { HasText = "farewell" })).ToContainTextAsync("expected <goodbye world> from the app");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("run-page-failed-phone"), FullPage = true });
            Assert.Empty(problems);

            await page.SetViewportSizeAsync(1600, 1000);
            await StudioBrowser.SignInAsync(page, world.BaseAddress, "studio/instances", RunPagesWorld.ApiKey);
            var row = page.Locator("tr").Filter(new() { HasText = failedInstanceId });
            await Assertions.Expect(row.First).ToBeVisibleAsync(new() { Timeout = BootTimeout });
            await Assertions.Expect(row.First).ToContainTextAsync("Faulted");
            await browser.ScreenshotAsync(page, "studio-instance-list-failed-run");
            lock (listCalls)
            {
                output.WriteLine(string.Join("\n", listCalls.Select(c => $"{c.Status} {c.Body}")));
                Assert.NotEmpty(listCalls);
                Assert.All(listCalls, c => Assert.Equal(200, c.Status));
            }
        }
        catch
        {
            await browser.SaveFailureAsync(page, "run-pages-failure");
            throw;
        }
    }

    private static string Shot(string name)
    {
        Directory.CreateDirectory(StudioBrowser.ScreenshotFolder);
        return Path.Combine(StudioBrowser.ScreenshotFolder, name + ".png");
    }

    private static string PageUrl(string output) =>
        PageLine().Match(output) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("no page: line in\n" + output);

    private static async Task<JsonNode> ReadJsonAsync(HttpClient client, string pageUrl)
    {
        var uri = new UriBuilder(pageUrl);
        uri.Path += ".json";
        using var response = await client.GetAsync(uri.Uri);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{uri} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    [GeneratedRegex(@"^page: (\S+)$", RegexOptions.Multiline)]
    private static partial Regex PageLine();
}
