using Microsoft.Playwright;

namespace Workflows.Hosting.Tests.Support;

/// <summary>
/// What a Studio page reports while a test drives it: script errors, and the Elsa API calls it made (each written to
/// the test output, the failed ones kept), so a test can assert that Studio met no error on the way.
/// </summary>
public sealed class StudioPageWatch
{
    private StudioPageWatch() { }

    public List<string> Errors { get; } = [];

    public List<string> FailedCalls { get; } = [];

    public static StudioPageWatch Attach(IPage page, Action<string> log, bool withRequestBody = false)
    {
        var watch = new StudioPageWatch();
        page.PageError += (_, e) => watch.Errors.Add(e);
        page.Response += (_, r) =>
        {
            if (!r.Url.Contains("/elsa/api", StringComparison.Ordinal)) return;
            log($"{r.Status} {r.Request.Method} {r.Url}" + (withRequestBody ? " " + r.Request.PostData : ""));
            if (r.Status >= 400) watch.FailedCalls.Add($"{r.Status} {r.Request.Method} {r.Url}");
        };
        return watch;
    }
}
