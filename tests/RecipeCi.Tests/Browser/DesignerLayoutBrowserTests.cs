using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;
using Xunit.Abstractions;

namespace RecipeCi.Tests.Browser;

/// <summary>
/// The shipped flows carry designer positions (<c>recipeci workflows layout</c>): Elsa Studio 3.8.2 in Chromium opens
/// quick.json with every activity drawn and no node box over another, as measured from the designer's DOM, both as it
/// opens (centred at 100%) and after its zoom-to-fit.
/// </summary>
[Trait("Category", "Services")]
public sealed class DesignerLayoutBrowserTests(ITestOutputHelper output)
{
    private const float BootTimeout = 180_000;

    /// <summary>The rectangles of the designer's activity nodes (X6 draws each as a <c>g.x6-node</c>), in page pixels.</summary>
    private const string NodeBoxes =
        "() => [...document.querySelectorAll('g.x6-node')].map(n => { const r = n.getBoundingClientRect(); " +
        "return { id: n.getAttribute('data-cell-id') || '', x: r.x, y: r.y, width: r.width, height: r.height, text: (n.textContent || '').trim() }; })";

    [Fact]
    public async Task Quick_flow_opens_with_no_node_over_another()
    {
        await using var server = await RecipeCiBrowserServer.StartAsync();
        var bundle = server.Services.GetRequiredService<StudioBundle>();
        Assert.True(bundle.IsInstalled, $"The Studio bundle is not installed: run 'npm ci' in {bundle.NpmInstallFolder} (tests/run does).");
        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.SetViewportSizeAsync(1920, 1080);
        try
        {
            await StudioBrowser.SignInAsync(page, server.BaseAddress, "studio/definitions/quick", RecipeCiBrowserServer.ApiKey);
            await Assertions.Expect(page.GetByText("Resolve run", new() { Exact = true }).Locator("visible=true").First).ToBeVisibleAsync(new() { Timeout = BootTimeout });
            // The designer zooms to fit after drawing; give the last frame time to settle before measuring.
            await page.WaitForTimeoutAsync(1500);
            await browser.ScreenshotAsync(page, "designer-layout-quick");

            var boxes = JsonSerializer.Deserialize<List<NodeBox>>((await page.EvaluateAsync<JsonElement>(NodeBoxes)).GetRawText(),
                new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            foreach (var box in boxes)
                output.WriteLine($"{box.Id} {box.X:0},{box.Y:0} {box.Width:0}x{box.Height:0} {box.Text}");
            var activities = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(
                Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "workflows", "quick.json")))!["root"]!["activities"]!.AsArray().Count;
            Assert.Equal(activities, boxes.Count);
            AssertNoOverlap(boxes);

            // Studio opens a flow centred at 100% (wider than the canvas for ten layers); after its zoom-to-fit button
            // (the toolbar's first, the fit-screen icon) there is still no node over another. Studio's fit keeps a
            // minimum scale, so the ends of quick.json can still sit past the canvas edges (see the screenshot).
            await page.Locator("button:has(path[d^='M6,16h12V8H6V16z'])").First.ClickAsync();
            await page.WaitForTimeoutAsync(1500);
            await browser.ScreenshotAsync(page, "designer-layout-quick-fit");
            var fitted = JsonSerializer.Deserialize<List<NodeBox>>((await page.EvaluateAsync<JsonElement>(NodeBoxes)).GetRawText(),
                new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            AssertNoOverlap(fitted);
        }
        catch
        {
            await browser.ScreenshotAsync(page, "designer-layout-failure");
            throw;
        }
    }

    private static void AssertNoOverlap(List<NodeBox> boxes)
    {
        foreach (var a in boxes)
            foreach (var b in boxes.Where(b => string.CompareOrdinal(b.Id, a.Id) > 0))
                Assert.False(a.Overlaps(b), $"{a.Text} ({a.X:0},{a.Y:0} {a.Width:0}x{a.Height:0}) overlaps {b.Text} ({b.X:0},{b.Y:0} {b.Width:0}x{b.Height:0})");
    }

    private sealed record NodeBox(string Id, double X, double Y, double Width, double Height, string Text)
    {
        public bool Overlaps(NodeBox o) => X < o.X + o.Width && o.X < X + Width && Y < o.Y + o.Height && o.Y < Y + Height;
    }
}
