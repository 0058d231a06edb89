using Microsoft.Playwright;

namespace Workflows.Hosting.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright, with a fresh profile and no background
/// networking (the machine only has loopback). Screenshots go to <c>tests/results/screenshots/</c>.
/// </summary>
public sealed class StudioBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private StudioBrowser(IPlaywright playwright, IBrowserContext context, string profile)
    {
        _playwright = playwright;
        Context = context;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public static string ScreenshotFolder => Path.Combine(TestKit.TestEnvironment.RepositoryRoot, "tests", "results", "screenshots");

    public static async Task<StudioBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (tests/run does).");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("recipeci-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(30_000);
        return new StudioBrowser(playwright, context, profile);
    }

    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = false });
        return path;
    }

    /// <summary>
    /// Opens <paramref name="path"/> signed out: Studio's host page sends the browser to the login page, which sends it
    /// back once the API key is accepted.
    /// </summary>
    public static async Task SignInAsync(IPage page, Uri server, string path, string apiKey)
    {
        await page.GotoAsync(new Uri(server, path).ToString());
        await page.FillAsync("#apiKey", apiKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/" + path);
    }

    /// <summary>What the page showed when a test failed: a screenshot and its HTML, side by side.</summary>
    public async Task SaveFailureAsync(IPage page, string name)
    {
        await ScreenshotAsync(page, name);
        await File.WriteAllTextAsync(Path.Combine(ScreenshotFolder, name + ".html"), await page.ContentAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } // Chromium may still hold a lock file.
    }
}
