using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TestKit;
using Workflows.Core.Definitions;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace Workflows.Hosting.Tests.Browser;

/// <summary>
/// The real Elsa Studio 3.8.2 bundle in Debian's Chromium against our server: log in, see the designer render the
/// definition, edit an activity input (a new draft version), publish it (the new published version), all under the
/// pages' Content-Security-Policy with nothing blocked.
/// </summary>
[Trait("Category", "Services")]
public sealed class StudioEditorBrowserTests(ITestOutputHelper output)
{
    // Booting .NET WebAssembly (17 MB of wasm) on a busy 2-core machine takes a while.
    private const float BootTimeout = 180_000;

    [Fact]
    public async Task Editor_renders_the_definition_and_saves_and_publishes_new_versions()
    {
        await using var server = await StudioTestServer.StartAsync();
        var bundle = server.Services.GetRequiredService<StudioBundle>();
        Assert.True(bundle.IsInstalled, $"The Studio bundle is not installed: run 'npm ci' in {bundle.NpmInstallFolder} (tests/run does).");
        var definitionId = await SampleDefinitions.SeedAsync(server, SampleDefinitions.Greeting("greeting", "Greeting"), publish: true);
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        // The pages' Content-Security-Policy must not block anything Studio does (Chromium reports each block on the console).
        var blocked = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(m.Text); };
        page.Response += (_, r) => { if (r.Url.Contains("/elsa/api")) output.WriteLine($"{r.Status} {r.Request.Method} {r.Url}"); };

        try
        {
            // Not signed in: the host page sends us to the login page, which sends us back after the key is accepted.
            await page.GotoAsync(new Uri(server.BaseAddress, "studio/definitions/" + definitionId).ToString());
            Assert.Contains("/studio/login", page.Url);
            await page.FillAsync("#apiKey", StudioTestServer.ApiKey);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForURLAsync("**/studio/definitions/" + definitionId);

            // The designer draws every activity of the definition, and the toolbox lists the descriptors' categories. The
            // first match: the graph may briefly hold a second copy of a selected node's label (seen once in a full run).
            foreach (var name in new[] { "Start1", "WriteLine1", "SetVariable1", "End1" })
                await Assertions.Expect(page.GetByText(name, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BootTimeout });
            foreach (var category in new[] { "Console", "Primitives", "Flow", "Scheduling" })
                await Assertions.Expect(page.GetByText(category, new() { Exact = true }).First).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "studio-editor-rendered");
            Assert.Empty(errors);

            // Edit the WriteLine's Text input; autosave posts it, and because v1 is published that makes draft v2.
            await page.GetByText("WriteLine1", new() { Exact = true }).First.ClickAsync();
            var text = page.Locator(".mud-input-control:has(label:text-is('Text')) input").First;
            await Assertions.Expect(text).ToBeVisibleAsync();
            await text.FillAsync("edited in the browser");
            await text.PressAsync("Tab");
            var draft = await WaitForVersionAsync(server, definitionId, v => v.Version == 2 && !v.IsPublished && v.Json.Contains("edited in the browser"));
            Assert.True(draft.IsLatest);
            var v1 = (await server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None)).Single(v => v.Version == 1);
            Assert.True(v1.IsPublished);
            Assert.False(v1.IsLatest);
            await browser.ScreenshotAsync(page, "studio-editor-edited");

            // The toolbar's publish button publishes the draft: v2 becomes the published version, v1 is retired.
            await page.Locator(".mud-button-group-root button:has(path[d^='M19.35 10.04'])").First.ClickAsync();
            var published = await WaitForVersionAsync(server, definitionId, v => v.Version == 2 && v.IsPublished && v.IsLatest);
            var text2 = WorkflowDefinitionDocument.Parse(published.Json).Root!["activities"]!.AsArray()
                .OfType<JsonObject>().Single(a => ActivityJson.GetString(a, "id") == "write1")["text"]!["expression"]!["value"]!.GetValue<string>();
            Assert.Equal("edited in the browser", text2);
            v1 = (await server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None)).Single(v => v.Version == 1);
            Assert.False(v1.IsPublished);
            // The editor is still editable after the save answers (the publish link came back).
            await Assertions.Expect(page.GetByText("Auto-save")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "studio-editor-published");
            Assert.Empty(errors);
            foreach (var message in blocked)
                output.WriteLine("CSP: " + message);
            Assert.Empty(blocked);
            var response = await page.APIRequest.GetAsync(new Uri(server.BaseAddress, "studio/definitions/" + definitionId).ToString());
            Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"]);
        }
        catch
        {
            await browser.SaveFailureAsync(page, "studio-editor-failure");
            throw;
        }
    }

    private static async Task<Core.Persistence.StoredWorkflowDefinition> WaitForVersionAsync(
        StudioTestServer server, string definitionId, Func<Core.Persistence.StoredWorkflowDefinition, bool> condition)
    {
        var versions = await Eventually.UntilAsync(() => server.Definitions.ListVersionsAsync(definitionId, CancellationToken.None), v => v.Any(condition),
            TimeSpan.FromSeconds(30), v => $"The expected version of {definitionId} did not appear in the store ({v.Count} versions there).",
            TimeSpan.FromMilliseconds(250));
        return versions.First(condition);
    }
}
