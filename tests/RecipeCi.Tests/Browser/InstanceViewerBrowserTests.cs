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
/// Elsa Studio 3.8.2's instance viewer in Debian's Chromium against the real recipeci server: a workflow run to
/// Finished through the run API shows its journal (every activity by name, with its type and event).
/// </summary>
[Trait("Category", "Services")]
public sealed class InstanceViewerBrowserTests(ITestOutputHelper output)
{
    private const float BootTimeout = 180_000;
    private static readonly string[] Activities = ["Start1", "WriteLine1", "SetVariable1", "End1"];

    [Fact]
    public async Task Viewer_shows_the_journal_of_a_finished_run()
    {
        await using var server = await RecipeCiBrowserServer.StartAsync();
        var bundle = server.Services.GetRequiredService<StudioBundle>();
        Assert.True(bundle.IsInstalled, $"The Studio bundle is not installed: run 'npm ci' in {bundle.NpmInstallFolder} (tests/run does).");
        var service = server.Services.GetRequiredService<WorkflowDefinitionService>();
        await service.SaveAsync(WorkflowDefinitionDocument.FromJson(SampleDefinitions.Greeting("greeting", "Greeting")), true, CancellationToken.None);

        using var client = server.CreateClient();
        using var run = await client.PostAsync("elsa/api/workflow-definitions/greeting/execute", null);
        Assert.True(run.IsSuccessStatusCode, $"execute answered {(int)run.StatusCode}: {await run.Content.ReadAsStringAsync()}");
        var instanceId = Assert.Single(run.Headers.GetValues("x-elsa-workflow-instance-id"));
        var instance = await server.Services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(instanceId, CancellationToken.None);
        Assert.Equal(WorkflowStatus.Finished, instance!.Status);
        Assert.Equal(WorkflowSubStatus.Finished, instance.SubStatus);
        var typeLabels = await TypeLabelsAsync(client);

        await using var browser = await StudioBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        var watch = StudioPageWatch.Attach(page, output.WriteLine, withRequestBody: true);
        try
        {
            await StudioBrowser.SignInAsync(page, server.BaseAddress, "studio/instances/" + instanceId, RecipeCiBrowserServer.ApiKey);

            // The journal is the viewer's timeline: one item per event, the activity's name over "<type> - <event>".
            var journal = page.Locator(".mud-timeline").First;
            foreach (var (name, type) in Activities.Zip(new[] { "Elsa.Start", "Elsa.WriteLine", "Elsa.SetVariable", "Elsa.End" }))
            {
                var item = journal.Locator(".mud-timeline-item").Filter(new() { HasText = name });
                await Assertions.Expect(item.Filter(new() { HasText = $"{typeLabels[type]} - Completed" }).First)
                    .ToBeVisibleAsync(new() { Timeout = BootTimeout });
                await Assertions.Expect(item.Filter(new() { HasText = $"{typeLabels[type]} - Started" }).First).ToBeVisibleAsync();
            }
            // In run order: the journal lists the activities as they executed.
            var names = await journal.Locator(".mud-timeline-item").AllInnerTextsAsync();
            var order = Activities.Select(a => names.ToList().FindIndex(n => n.Contains(a, StringComparison.Ordinal))).ToList();
            Assert.Equal(order.OrderBy(i => i), order);
            await browser.ScreenshotAsync(page, "studio-instance-journal");
            Assert.Empty(watch.Errors);
            Assert.Empty(watch.FailedCalls);
        }
        catch
        {
            await browser.SaveFailureAsync(page, "studio-instance-failure");
            throw;
        }
    }

    /// <summary>What Studio shows as an activity's type: its descriptor's display name, as the server describes it.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> TypeLabelsAsync(HttpClient client)
    {
        var (response, body) = await client.GetJsonAsync("elsa/api/descriptors/activities");
        response.EnsureSuccessStatusCode();
        return body!["items"]!.AsArray().OfType<JsonObject>()
            .GroupBy(d => d.Str("typeName"))
            .ToDictionary(g => g.Key, g => g.Last()["displayName"]?.GetValue<string>() ?? g.Key);
    }
}
