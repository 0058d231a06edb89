using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci trigger --wait</c>: follows a run by polling its page's JSON through the tokenized link the webhook
/// answered with (no admin key needed), shows the step it is on and the time elapsed, then prints the summary and the
/// page URL. Exit 0 pass, 1 fail, 2 error (also when the run does not finish within the timeout).
/// </summary>
public sealed class RunFollower(HttpClient http, TimeProvider time, TextWriter output, TimeSpan pollInterval)
{
    public async Task<int> FollowAsync(string pageUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var jsonUrl = JsonUrl(pageUrl);
        var started = time.GetTimestamp();
        var live = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
        string? lastStep = null;
        var lastPrinted = TimeSpan.Zero;
        string? lastProblem = null;
        while (true)
        {
            var elapsed = time.GetElapsedTime(started);
            var run = await TryReadAsync(jsonUrl, cancellationToken);
            if (run.Body is { } body)
            {
                var result = body["result"]?.ToString() ?? "running";
                if (result != "running")
                {
                    if (live) output.WriteLine();
                    output.WriteLine(Summary(body));
                    output.WriteLine($"page: {pageUrl}");
                    return result switch { "pass" => 0, "fail" => 1, _ => 2 };
                }
                var step = body["currentStep"]?.ToString() ?? "starting";
                var line = $"running: {step} ({Seconds(elapsed)})";
                if (live)
                    output.Write("\r" + line.PadRight(72));
                else if (step != lastStep || elapsed - lastPrinted >= TimeSpan.FromSeconds(30))
                {
                    output.WriteLine(line);
                    lastPrinted = elapsed;
                }
                lastStep = step;
            }
            else if (run.Problem != lastProblem)
            {
                // The server may be restarting or the record not yet visible: say so once, keep polling until the timeout.
                output.WriteLine($"waiting: {run.Problem}");
                lastProblem = run.Problem;
            }
            if (elapsed >= timeout)
            {
                if (live) output.WriteLine();
                output.WriteLine($"result: error (the run did not finish within {Seconds(timeout)}; it goes on on the server) page: {pageUrl}");
                return 2;
            }
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }

    /// <summary><c>…/runs/{id}?t=…</c> becomes <c>…/runs/{id}.json?t=…</c>.</summary>
    public static string JsonUrl(string pageUrl)
    {
        var uri = new UriBuilder(pageUrl);
        uri.Path = uri.Path.TrimEnd('/') + ".json";
        return uri.Uri.ToString();
    }

    /// <summary><c>result: fail (assert: 1/2 tests failed (schema)) · quick run of app at ref · 1/2 tests passed, 1 deploy, 41 s</c>.</summary>
    public static string Summary(JsonNode run)
    {
        var result = run["result"]?.ToString();
        var reason = run["reason"]?.ToString();
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $" ({reason.Split('\n', 2)[0].TrimEnd()})";
        var tests = run["tests"] as JsonArray ?? [];
        var passed = tests.Count(t => t?["outcome"]?.ToString() == "passed");
        var deploys = run["deployCount"]?.GetValue<int>() ?? 0;
        var seconds = run["elapsedSeconds"]?.GetValue<double>() ?? 0;
        var testText = tests.Count == 0 ? "no tests ran" : $"{passed}/{tests.Count} tests passed";
        return $"result: {result}{why} · {run["mode"]} run of {run["recipe"]} at {run["ref"]} · {testText}, {deploys} deploy{(deploys == 1 ? "" : "s")}, "
               + Seconds(TimeSpan.FromSeconds(seconds));
    }

    private async Task<(JsonNode? Body, string? Problem)> TryReadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
                return (null, "the server does not know this run (yet), or the link's token does not open it");
            if (!response.IsSuccessStatusCode)
                return (null, $"{url.Split('?')[0]} answered {(int)response.StatusCode}");
            return (JsonNode.Parse(text), null);
        }
        catch (HttpRequestException e)
        {
            return (null, $"cannot reach the server ({e.Message})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "the server did not answer in time");
        }
        catch (JsonException)
        {
            return (null, "the run page's JSON could not be read");
        }
    }

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 60
            ? $"{(int)span.TotalMinutes} min {span.Seconds.ToString(CultureInfo.InvariantCulture)} s"
            : $"{span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s";
}
