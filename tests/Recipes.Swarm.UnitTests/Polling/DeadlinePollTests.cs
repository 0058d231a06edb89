using Microsoft.Extensions.Time.Testing;
using Recipes.Swarm.Polling;

namespace Recipes.Swarm.UnitTests.Polling;

/// <summary>
/// The deadline logic behind convergence, undeploy and the sandbox timeout, on a fake clock: which polls happen, when,
/// and what the caller gets back at the deadline. The fake clock moves only when a test advances it, so these run in
/// microseconds and say exactly what real time would do.
/// </summary>
public sealed class DeadlinePollTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Polls_every_interval_until_the_answer_is_final_and_returns_it()
    {
        var polledAt = new List<DateTimeOffset>();
        var poll = new DeadlinePoll(time).UntilAsync(
            _ => { polledAt.Add(time.GetUtcNow()); return ValueTask.FromResult(polledAt.Count); },
            n => n == 4, Interval, time.GetUtcNow() + TimeSpan.FromMinutes(1), "test", CancellationToken.None);

        var answer = await DriveAsync(poll);

        Assert.Equal(4, answer);
        Assert.Equal(4, polledAt.Count);
        AssertSpacedByInterval(polledAt);
    }

    [Fact]
    public async Task Convergence_that_never_comes_ends_at_the_deadline_with_the_last_complete_answer()
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        var polledAt = new List<DateTimeOffset>();
        var poll = new DeadlinePoll(time).UntilAsync(
            _ => { polledAt.Add(time.GetUtcNow()); return ValueTask.FromResult(polledAt.Count); },
            _ => false, Interval, deadline, "test", CancellationToken.None);

        var last = await DriveAsync(poll);

        // Polls every 100 ms while before the deadline; the first one at or past it is the last, and its answer is what
        // the caller reports (about ten polls: the count depends on how far the test moved the clock at each step).
        AssertSpacedByInterval(polledAt);
        Assert.True(polledAt.Count >= 8, $"only {polledAt.Count} polls in a second");
        Assert.Equal(polledAt.Count, last);
        Assert.True(polledAt[^1] >= deadline);
        Assert.All(polledAt.SkipLast(1), t => Assert.True(t < deadline));
    }

    [Fact]
    public async Task A_deadline_already_past_still_polls_once()
    {
        var polls = 0;
        var answer = await new DeadlinePoll(time).UntilAsync(
            _ => ValueTask.FromResult(++polls), _ => false, Interval, time.GetUtcNow() - TimeSpan.FromSeconds(1), "test", CancellationToken.None);

        Assert.Equal(1, answer);
    }

    [Fact]
    public async Task Transient_errors_are_retried_until_the_deadline_then_the_last_one_is_thrown()
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromMilliseconds(500);
        var triedAt = new List<DateTimeOffset>();
        var retry = new DeadlinePoll(time).RetryAsync(
            _ =>
            {
                triedAt.Add(time.GetUtcNow());
                throw new InvalidOperationException($"in use ({triedAt.Count})");
            },
            e => e is InvalidOperationException, Interval, deadline, "test", CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DriveAsync(retry));

        Assert.Equal($"in use ({triedAt.Count})", error.Message);
        Assert.True(triedAt.Count >= 4, $"only {triedAt.Count} attempts in 500 ms");
        AssertSpacedByInterval(triedAt);
        Assert.True(triedAt[^1] >= deadline);
        Assert.All(triedAt.SkipLast(1), t => Assert.True(t < deadline));
    }

    [Fact]
    public async Task An_error_that_is_not_transient_is_thrown_at_once()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<ArgumentException>(() => new DeadlinePoll(time).RetryAsync(
            _ => { attempts++; throw new ArgumentException("bad"); },
            e => e is InvalidOperationException, Interval, time.GetUtcNow() + TimeSpan.FromMinutes(1), "test", CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_poll_that_hangs_past_the_deadline_gives_up_after_the_grace_with_a_clear_message()
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(1);
        var poll = new DeadlinePoll(time).UntilAsync(
            async ct => { await Task.Delay(Timeout.InfiniteTimeSpan, ct); return 0; },
            _ => true, Interval, deadline, "Waiting for 2 services to converge", CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(1) + DeadlinePoll.HungPollGrace);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => poll);

        Assert.StartsWith("Waiting for 2 services to converge: a Docker request was still unanswered 30 s after the deadline", error.Message);
    }

    [Fact]
    public void Timeouts_outside_Pollys_range_are_brought_inside_it()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(10), DeadlinePoll.PollyTimeout(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromDays(1), DeadlinePoll.PollyTimeout(TimeSpan.FromDays(3)));
        Assert.Equal(TimeSpan.FromMinutes(5), DeadlinePoll.PollyTimeout(TimeSpan.FromMinutes(5)));
    }

    private static void AssertSpacedByInterval(IReadOnlyList<DateTimeOffset> times)
    {
        for (var i = 1; i < times.Count; i++)
            Assert.True(times[i] - times[i - 1] >= Interval, $"poll {i + 1} came {(times[i] - times[i - 1]).TotalMilliseconds} ms after the one before");
    }

    /// <summary>
    /// Moves the fake clock a quarter interval at a time until the wait ends. Each pause is a timer on the fake clock; the
    /// poll after it may run on another thread while the clock moves on, so tests assert bounds, not exact instants.
    /// </summary>
    private async Task<T> DriveAsync<T>(Task<T> wait)
    {
        for (var step = 0; step < 10_000 && !wait.IsCompleted; step++)
        {
            time.Advance(Interval / 4);
            await Task.Yield();
        }
        return await wait;
    }

    private Task DriveAsync(Task wait) => DriveAsync(wait.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default));
}
