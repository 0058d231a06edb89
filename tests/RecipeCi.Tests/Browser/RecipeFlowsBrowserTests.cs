using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TestKit;
using Workflows.Core.Definitions;
using Workflows.Core.Persistence;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// Elsa Studio 3.8.2 in Debian's Chromium against the real recipeci server: the editor opens quick.json (imported
/// from workflows/ at start) with its Recipes.* activities and the Recipes toolbox category; an edited input becomes a
/// draft version in the database, publishing makes it the published one.
/// </summary>
[Trait("Category", "Services")]
public sealed class RecipeFlowsBrowserTests(ITestOutputHelper output)
{
    private const float BootTimeout = 180_000;

    [Fact]
    public async Task Quick_flow_shows_its_Recipes_activities_and_edits_and_publishes_into_the_database()
    {
        await using var server = await RecipeCiBrowserServer.StartAsync();
        var bundle = server.Services.GetRequiredService<StudioBundle>();
        Assert.True(bundle.IsInstalled, $"The Studio bundle is not installed: run 'npm ci' in {bundle.NpmInstallFolder} (tests/run does).");
        var definitions = server.Services.GetRequiredService<IWorkflowDefinitionStore>();
        var v1 = await WaitForVersionAsync(definitions, "quick", v => v.Version == 1 && v.IsPublished);

        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var watch = StudioPageWatch.Attach(page, output.WriteLine);
        var step = "login";
        try
        {
            await StudioBrowser.SignInAsync(page, server.BaseAddress, "studio/definitions/quick", RecipeCiBrowserServer.ApiKey);

            step = "quick.json rendered";
            foreach (var name in new[] { "Resolve run", "Reattach canonical", "Upgrade to PR head", "Health gate", "Provision tenant", "Run tail", "Complete run" })
                await Assertions.Expect(Visible(page, name)).ToBeVisibleAsync(new() { Timeout = BootTimeout });
            await Assertions.Expect(Visible(page, "Recipes")).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "recipes-quick-rendered");
            Assert.Empty(watch.Errors);

            step = "edit an input";
            // Studio opens the flow centred at 100%: Health gate (its Timeout is a literal input) can lie past the canvas's
            // right edge, under the properties pane. The toolbar's zoom-to-fit (its first button) brings it into view.
            await page.Locator("button:has(path[d^='M6,16h12V8H6V16z'])").First.ClickAsync();
            await Visible(page, "Health gate").ClickAsync();
            var timeout = page.Locator(".mud-input-control:has(label:text-is('Timeout')) input").First;
            await Assertions.Expect(timeout).ToBeVisibleAsync();
            await timeout.FillAsync("00:02:30");
            await timeout.PressAsync("Tab");
            var draft = await WaitForVersionAsync(definitions, "quick", v => v.Version == 2 && !v.IsPublished && v.Json.Contains("00:02:30"));
            Assert.True(draft.IsLatest);
            Assert.True((await definitions.ListVersionsAsync("quick", CancellationToken.None)).Single(v => v.Version == 1).IsPublished);
            await browser.ScreenshotAsync(page, "recipes-quick-edited");

            step = "publish";
            await page.Locator(".mud-button-group-root button:has(path[d^='M19.35 10.04'])").First.ClickAsync();
            var published = await WaitForVersionAsync(definitions, "quick", v => v.Version == 2 && v.IsPublished && v.IsLatest);
            var health = WorkflowDefinitionDocument.Parse(published.Json).Root!["activities"]!.AsArray()
                .OfType<JsonObject>().Single(a => ActivityJson.GetString(a, "id") == "health");
            Assert.Equal("00:02:30", health["timeout"]!["expression"]!["value"]!.ToString());
            Assert.False((await definitions.ListVersionsAsync("quick", CancellationToken.None)).Single(v => v.Version == 1).IsPublished);
            await browser.ScreenshotAsync(page, "recipes-quick-published");
            Assert.Empty(watch.Errors);
            Assert.Empty(watch.FailedCalls);
        }
        catch
        {
            output.WriteLine($"failed at step: {step}");
            await browser.SaveFailureAsync(page, "recipes-browser-failure");
            throw;
        }
    }

    /// <summary>The first visible element with exactly this text (the designer also keeps hidden copies, e.g. in the code view).</summary>
    private static ILocator Visible(IPage page, string text) => page.GetByText(text, new() { Exact = true }).Locator("visible=true").First;

    private static async Task<StoredWorkflowDefinition> WaitForVersionAsync(
        IWorkflowDefinitionStore store, string definitionId, Func<StoredWorkflowDefinition, bool> condition)
    {
        var versions = await Eventually.UntilAsync(() => store.ListVersionsAsync(definitionId, CancellationToken.None), v => v.Any(condition),
            TimeSpan.FromSeconds(60), v => $"The expected version of {definitionId} did not appear in the store ({v.Count} versions there).",
            TimeSpan.FromMilliseconds(250));
        return versions.First(condition);
    }
}
