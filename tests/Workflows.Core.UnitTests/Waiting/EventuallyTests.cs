using TestKit;

namespace Workflows.Core.UnitTests.Waiting;

/// <summary>
/// TestKit's one wait loop, which every service test relies on to fail with a message instead of hanging or passing
/// early. Intervals are a millisecond and timeouts short: these tests assert outcomes and messages, never durations.
/// </summary>
public sealed class EventuallyTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task A_synchronous_condition_is_polled_until_it_holds_and_not_once_more()
    {
        var calls = 0;
        await Eventually.UntilAsync(() => ++calls == 3, TimeSpan.FromMinutes(1), () => "never reached three", Tick);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task A_synchronous_condition_that_never_holds_times_out_saying_what_did_not_happen()
    {
        var calls = 0;
        var timeout = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.UntilAsync(() => ++calls < 0, TimeSpan.FromMilliseconds(30), () => $"still false after {calls} polls", Tick));
        Assert.Contains($"still false after {calls} polls", timeout.Message, StringComparison.Ordinal);
        Assert.True(calls > 1, $"polled {calls} time(s)");
    }

    [Fact]
    public async Task A_condition_that_throws_gives_up_at_once_with_its_own_exception()
    {
        var calls = 0;
        var exited = await Assert.ThrowsAsync<InvalidOperationException>(() => Eventually.UntilAsync(
            () => ++calls == 2 ? throw new InvalidOperationException("the process exited") : false, TimeSpan.FromMinutes(1), () => "n/a", Tick));
        Assert.Equal("the process exited", exited.Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_probe_returns_the_accepted_value_and_a_timeout_describes_the_last_value_seen()
    {
        var next = 0;
        Assert.Equal(4, await Eventually.UntilAsync(() => Task.FromResult(++next), v => v == 4, TimeSpan.FromMinutes(1), v => $"at {v}", Tick));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() =>
            Eventually.UntilAsync(() => Task.FromResult(++next), _ => false, TimeSpan.FromMilliseconds(30), v => $"last seen {v}", Tick));
        Assert.EndsWith($"last seen {next}", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_probe_exception_of_the_given_type_means_not_yet_and_becomes_the_timeout_inner_exception()
    {
        var calls = 0;
        var answer = await Eventually.UntilAsync<string, HttpRequestException>(
            () => ++calls < 3 ? throw new HttpRequestException("refused") : Task.FromResult("up"), _ => true, TimeSpan.FromMinutes(1), () => "n/a", Tick);
        Assert.Equal("up", answer);

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.UntilAsync<string, HttpRequestException>(
            () => throw new HttpRequestException("refused"), _ => true, TimeSpan.FromMilliseconds(30), () => "server not listening", Tick));
        Assert.Contains("server not listening", timeout.Message, StringComparison.Ordinal);
        Assert.Equal("refused", Assert.IsType<HttpRequestException>(timeout.InnerException).Message);
    }
}
