using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Hosting.Studio;
using Workflows.Hosting.Tests.Support;

namespace Workflows.Hosting.Tests.Studio;

/// <summary>The bundle is served byte for byte with the right MIME types; host pages follow contract 1.4/1.5.</summary>
[Trait("Category", "Services")]
public sealed class StudioHostingTests
{
    [Fact]
    public async Task Bundle_files_are_served_byte_for_byte_with_their_MIME_types()
    {
        await using var server = await StudioTestServer.StartAsync();
        var bundle = server.Services.GetRequiredService<StudioBundle>();
        Assert.True(bundle.IsInstalled, $"run 'npm ci' in {bundle.NpmInstallFolder}");
        using var client = server.CreateClient();
        var wasm = Directory.GetFiles(Path.Combine(bundle.Root, "_framework"), "*.wasm").First();
        var dat = Directory.GetFiles(Path.Combine(bundle.Root, "_framework"), "*.dat").First();
        foreach (var (file, type) in new[] { (wasm, "application/wasm"), (dat, "application/octet-stream"),
                     (Path.Combine(bundle.Root, "_framework", "blazor.webassembly.js"), "text/javascript"),
                     (Path.Combine(bundle.Root, "appsettings.json"), "application/json") })
        {
            var response = await client.GetAsync("/studio/" + Path.GetRelativePath(bundle.Root, file).Replace('\\', '/'));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
            Assert.Equal(await File.ReadAllBytesAsync(file), await response.Content.ReadAsByteArrayAsync());
        }
        // Precompressed siblings would need Content-Encoding; they are not served at all.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/studio/_framework/blazor.webassembly.js.br")).StatusCode);
    }

    [Fact]
    public async Task Host_pages_carry_the_base_the_elements_and_an_absolute_endpoint_without_Google_Fonts()
    {
        await using var server = await StudioTestServer.StartAsync();
        using var client = server.CreateClient(cookies: new CookieContainer());
        await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = StudioTestServer.ApiKey }));

        var editor = await client.GetStringAsync("/studio/definitions/abc");
        Assert.Contains("<base href=\"/studio/\"/>", editor);
        Assert.Contains($"<elsa-workflow-definition-editor definition-id=\"abc\" remote-endpoint=\"{server.BaseAddress}elsa/api\">", editor);
        Assert.DoesNotContain("fonts.googleapis", editor);
        Assert.DoesNotContain("fonts.gstatic", editor);
        Assert.Contains("_content/MudBlazor/MudBlazor.min.css", editor);
        Assert.Contains("_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js", editor);
        Assert.True(editor.IndexOf("_framework/blazor.webassembly.js", StringComparison.Ordinal) > editor.IndexOf("Radzen.Blazor.js", StringComparison.Ordinal));

        Assert.Contains("<elsa-workflow-definition-list", await client.GetStringAsync("/studio"));
        Assert.Contains("<elsa-workflow-instance-list", await client.GetStringAsync("/studio/instances"));
        Assert.Contains("<elsa-workflow-instance-viewer instance-id=\"i1\"", await client.GetStringAsync("/studio/instances/i1"));

        foreach (var (path, target) in new[] { ("workflows/definitions/abc/edit", "/studio/definitions/abc"),
                     ("workflows/instances/i1/view", "/studio/instances/i1"), ("workflows/whatever", "/studio") })
        {
            var response = await client.GetAsync("/studio/" + path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(target, response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task A_missing_bundle_answers_with_how_to_install_it()
    {
        using var folder = new TestKit.TempFolder();
        await using var server = await StudioTestServer.StartAsync(bundlePath: folder.Path);
        using var client = server.CreateClient(cookies: new CookieContainer());
        await client.PostAsync("/studio/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["apiKey"] = StudioTestServer.ApiKey }));
        var response = await client.GetAsync("/studio");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm ci", await response.Content.ReadAsStringAsync());
    }
}
