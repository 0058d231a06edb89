using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Browser;

/// <summary>
/// The real Elsa Studio 3.8.2 in Chromium: a definition published as usable-as-activity is an entry of the toolbox under
/// its activity category, and a parent using it renders with the child as one of its nodes.
/// </summary>
[Trait("Category", "Services")]
public sealed class WorkflowActivityToolboxBrowserTests
{
    private const float BootTimeout = 180_000;

    [Fact]
    public async Task The_toolbox_lists_the_workflow_usable_as_an_activity_under_its_category()
    {
        await using var server = await StudioTestServer.StartAsync();
        Assert.True(server.Services.GetRequiredService<StudioBundle>().IsInstalled, "The Studio bundle is not installed (tests/run installs it).");
        var service = server.Services.GetRequiredService<WorkflowDefinitionService>();
        await service.SaveAsync(WorkflowDefinitionDocument.Parse(Fixture("greeter.json")), publish: true, CancellationToken.None);
        var parent = await service.SaveAsync(WorkflowDefinitionDocument.Parse(Fixture("a-greeting-parent.json")), publish: true, CancellationToken.None);
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        try
        {
            await StudioBrowser.SignInAsync(page, server.BaseAddress, "studio/definitions/" + parent.DefinitionId, StudioTestServer.ApiKey);

            // The parent's designer draws the child as a node of its own, with the child's outcomes as its ports.
            await Assertions.Expect(page.GetByText("Greeted", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = BootTimeout });
            await Assertions.Expect(page.GetByText("Refused", new() { Exact = true }).First).ToBeVisibleAsync();
            // The toolbox shows the child's category; opened, it lists the child by its display name.
            var panel = page.Locator(".mud-expand-panel").Filter(new() { HasText = "Recipe steps" }).First;
            await Assertions.Expect(panel).ToBeVisibleAsync();
            await panel.GetByText("Recipe steps", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(panel.GetByText("Greeter", new() { Exact = true }).First).ToBeVisibleAsync();
            await browser.ScreenshotAsync(page, "studio-toolbox-workflow-activity");
            Assert.Empty(errors);
        }
        catch
        {
            await browser.SaveFailureAsync(page, "studio-toolbox-workflow-activity-failure");
            throw;
        }
    }

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "tests", "fixtures", "workflow-activities", name));
}
