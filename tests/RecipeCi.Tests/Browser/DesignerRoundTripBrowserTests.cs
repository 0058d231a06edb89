using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Core.Definitions;
using Workflows.Core.Management;
using Workflows.Core.Persistence;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// The designer round trip in Elsa Studio 3.8.2 (Chromium) against the real recipeci server: the toolbox lists the
/// new built-in activities and a workflow usable as an activity; a Run JavaScript is dragged from the toolbox onto an
/// empty flowchart, its script typed into the code editor, saved (autosave), published and run with Studio's Run
/// button; the finished instance holds the variable the typed script set.
/// </summary>
[Trait("Category", "Services")]
public sealed class DesignerRoundTripBrowserTests(ITestOutputHelper output)
{
    private const float BootTimeout = 180_000;
    private const string DefinitionId = "designer-round-trip";
    private const string Script = "setVariable('Greeting', 'typed in ' + 'the designer')";

    [Fact]
    public async Task An_activity_dropped_from_the_toolbox_is_configured_published_and_run_from_the_designer()
    {
        await using var server = await RecipeCiBrowserServer.StartAsync();
        Assert.True(server.Services.GetRequiredService<StudioBundle>().IsInstalled, "The Studio bundle is not installed (tests/run installs it).");
        var service = server.Services.GetRequiredService<WorkflowDefinitionService>();
        await service.SaveAsync(WorkflowDefinitionDocument.Parse(Fixture("greeter.json")), publish: true, CancellationToken.None);
        await service.SaveAsync(WorkflowDefinitionDocument.FromJson(EmptyFlow()), publish: true, CancellationToken.None);
        var definitions = server.Services.GetRequiredService<IWorkflowDefinitionStore>();

        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var errors = new List<string>();
        var executed = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine("console: " + m.Text); };
        page.Response += (_, r) =>
        {
            if (!r.Url.Contains("/elsa/api")) return;
            output.WriteLine($"{r.Status} {r.Request.Method} {r.Url}");
            if (r.Url.EndsWith($"/workflow-definitions/{DefinitionId}/execute", StringComparison.Ordinal)
                && r.Headers.TryGetValue("x-elsa-workflow-instance-id", out var id))
                executed.Add(id);
        };
        try
        {
            await StudioBrowser.SignInAsync(page, server.BaseAddress, "studio/definitions/" + DefinitionId, RecipeCiBrowserServer.ApiKey);

            // The toolbox: the new built-in activities under their categories, the workflow-as-activity under its own.
            await OpenCategoryAsync(page, "Branching", ["Switch (flow)", "If"]);
            await OpenCategoryAsync(page, "Recipe steps", ["Greeter"]);
            await OpenCategoryAsync(page, "Scripting", ["Run JavaScript"]);
            await browser.ScreenshotAsync(page, "designer-round-trip-toolbox");

            // Drag Run JavaScript onto the empty canvas: autosave stores a draft with the new activity.
            var canvas = page.Locator(".x6-graph").First;
            await page.GetByText("Run JavaScript", new() { Exact = true }).First.DragToAsync(canvas,
                new() { TargetPosition = new TargetPosition { X = 400, Y = 250 } });
            var node = page.Locator("g.x6-node").Filter(new() { HasText = "RunJavaScript1" }).First;
            await Assertions.Expect(node).ToBeVisibleAsync();
            await WaitForVersionAsync(definitions, v => !v.IsPublished && v.Json.Contains("Elsa.RunJavaScript", StringComparison.Ordinal));

            // Configure: the dropped node is selected; type the script into its Script input's code editor (Monaco).
            var editor = page.Locator(".monaco-editor").First;
            await Assertions.Expect(editor).ToBeVisibleAsync();
            await editor.ClickAsync();
            await page.Keyboard.InsertTextAsync(Script);
            var draft = await WaitForVersionAsync(definitions, v => !v.IsPublished && v.Json.Contains("typed in ", StringComparison.Ordinal));
            output.WriteLine(draft.Json);
            await browser.ScreenshotAsync(page, "designer-round-trip-configured");

            // Publish with the toolbar's publish button.
            await page.Locator(".mud-button-group-root button:has(path[d^='M19.35 10.04'])").First.ClickAsync();
            var published = await WaitForVersionAsync(definitions, v => v.IsPublished && v.IsLatest && v.Json.Contains("typed in ", StringComparison.Ordinal));
            Assert.Equal(draft.Version, published.Version);

            // Run from the designer: Studio posts .../execute; the run is the published version with the typed script.
            await page.Locator("button:has(path[d*='M8 5v14l11-7'])").First.ClickAsync();
            var instanceId = (await WaitForAsync(() => Task.FromResult(executed.FirstOrDefault())))!;
            var instance = (await WaitForAsync(async () =>
                await server.Services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, CancellationToken.None) is { Status: WorkflowStatus.Finished } i ? i : null))!;
            await page.WaitForTimeoutAsync(1000);
            await browser.ScreenshotAsync(page, "designer-round-trip-run");
            Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
            Assert.Equal(published.Version, instance.Version);
            Assert.Equal("typed in the designer", JsonNode.Parse(instance.VariablesJson)!["Greeting"]!.GetValue<string>());
            Assert.Empty(errors);
        }
        catch
        {
            await browser.SaveFailureAsync(page, "designer-round-trip-failure");
            throw;
        }
    }

    private static async Task OpenCategoryAsync(IPage page, string category, string[] entries)
    {
        var panel = page.Locator(".mud-expand-panel").Filter(new() { HasText = category }).First;
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = BootTimeout });
        await panel.GetByText(category, new() { Exact = true }).ClickAsync();
        foreach (var entry in entries)
            await Assertions.Expect(panel.GetByText(entry, new() { Exact = true }).First).ToBeVisibleAsync();
    }

    /// <summary>An empty flowchart with one string variable for the dropped script to set.</summary>
    private static JsonObject EmptyFlow() => new()
    {
        ["definitionId"] = DefinitionId,
        ["name"] = "Designer round trip",
        ["variables"] = new JsonArray(new JsonObject
        {
            ["id"] = "greeting", ["name"] = "Greeting", ["typeName"] = "String", ["isArray"] = false, ["value"] = "",
            ["storageDriverTypeName"] = null,
        }),
        ["root"] = new JsonObject
        {
            ["id"] = "flow1", ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1",
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
            ["activities"] = new JsonArray(), ["connections"] = new JsonArray(),
        },
    };

    private static async Task<StoredWorkflowDefinition> WaitForVersionAsync(IWorkflowDefinitionStore store, Func<StoredWorkflowDefinition, bool> condition) =>
        (await WaitForAsync(async () => (await store.ListVersionsAsync(DefinitionId, CancellationToken.None)).FirstOrDefault(condition)))!;

    private static Task<T?> WaitForAsync<T>(Func<Task<T?>> probe) where T : class =>
        TestKit.Eventually.UntilAsync(probe, found => found is not null, TimeSpan.FromSeconds(30), _ => "the expected state did not appear");

    private static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "tests", "fixtures", "workflow-activities", name));
}
