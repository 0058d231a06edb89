using System.Text.Json.Nodes;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci bench http</c> as a user types it: the warm-up sends at least <c>--warmup</c> requests, goes on in
/// rounds of as many while the JIT is busy, for at most <c>--settle</c> seconds, and only the measured requests count.
/// </summary>
public sealed class BenchHttpCommandTests
{
    [Fact]
    public async Task Without_settling_the_warm_up_is_exactly_the_requests_asked_for()
    {
        var result = await RunAsync("--requests", "30", "--concurrency", "4", "--warmup", "10", "--settle", "0");

        Assert.Equal(30, result["requests"]!.GetValue<int>());
        Assert.Equal(10, result["warmupRequests"]!.GetValue<int>());
        Assert.False(result["jitSettled"]!.GetValue<bool>());
        Assert.Equal(0, result["failedRequests"]!.GetValue<int>());
        Assert.True(result["latencyP99Milliseconds"]!.GetValue<double>() > 0);
        Assert.True(result["jitMethods"]!.GetValue<long>() >= 0);
    }

    [Fact]
    public async Task Settling_sends_whole_rounds_of_the_warm_up_and_stops_when_quiet_or_out_of_time()
    {
        var result = await RunAsync("--requests", "30", "--concurrency", "4", "--warmup", "10", "--settle", "3");

        var warmup = result["warmupRequests"]!.GetValue<int>();
        var seconds = result["warmupSeconds"]!.GetValue<double>();
        Assert.True(warmup > 10 && warmup % 10 == 0, $"warm-up of {warmup} requests: more than one round, whole rounds only");
        // Either the JIT went quiet, or the settle time ran out (a round under way is finished first).
        Assert.True(result["jitSettled"]!.GetValue<bool>() || seconds >= 3, $"stopped after {seconds} s without settling");
        Assert.True(seconds < 30, $"warm-up took {seconds} s with --settle 3");
        Assert.Equal(0, result["failedRequests"]!.GetValue<int>());
    }

    private static async Task<JsonNode> RunAsync(params string[] options)
    {
        using var folder = new TempFolder("bench-http");
        var (exit, output) = await RecipeCiProcess.RunAsync(["bench", "http", .. options, "--json"],
            TimeSpan.FromMinutes(3), workingDirectory: folder.Path);
        Assert.True(exit == 0, output);
        return JsonNode.Parse(output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith('{')))!;
    }
}
