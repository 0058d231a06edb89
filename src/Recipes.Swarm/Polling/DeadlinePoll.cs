using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Recipes.Swarm.Polling;

/// <summary>
/// The deadline loops of this project as Polly pipelines: poll, and while the answer is not final and the deadline has
/// not passed, wait a fixed interval and poll again. Time comes from the injected <see cref="TimeProvider"/> (Polly
/// waits on it too), so the deadline logic is unit-tested with a fake clock instead of in real time against Docker.
/// The deadline is checked between polls, never by cancelling one: a caller that timed out still holds the last
/// complete answer, which is what its timeout message reports. A timeout strategy around the loop is the backstop for
/// a poll that hangs (dockerd not answering): it gives up <see cref="HungPollGrace"/> after the deadline.
/// </summary>
public sealed class DeadlinePoll(TimeProvider time)
{
    /// <summary>How long a poll in flight at the deadline may still take before the wait gives up on it.</summary>
    public static readonly TimeSpan HungPollGrace = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public TimeProvider Time => time;

    /// <summary>
    /// Polls until <paramref name="done"/> holds for an answer or <paramref name="deadline"/> passes, and returns the
    /// last answer: the caller tells a timeout by <paramref name="done"/> being false for it.
    /// </summary>
    public async Task<T> UntilAsync<T>(
        Func<CancellationToken, ValueTask<T>> poll,
        Func<T, bool> done,
        TimeSpan interval,
        DateTimeOffset deadline,
        string what,
        CancellationToken cancellationToken)
    {
        var pipeline = Build(new RetryStrategyOptions<T>
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is null && !done(args.Outcome.Result!) && time.GetUtcNow() < deadline),
        }, interval, deadline);
        return await RunAsync(pipeline, poll, deadline, what, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> and, while it throws an exception <paramref name="transient"/> accepts and the
    /// deadline has not passed, waits <paramref name="interval"/> and runs it again; past the deadline the last
    /// exception is the caller's.
    /// </summary>
    public async Task RetryAsync(
        Func<CancellationToken, ValueTask> attempt,
        Func<Exception, bool> transient,
        TimeSpan interval,
        DateTimeOffset deadline,
        string what,
        CancellationToken cancellationToken)
    {
        var pipeline = Build(new RetryStrategyOptions<bool>
        {
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && transient(e) && time.GetUtcNow() < deadline),
        }, interval, deadline);
        await RunAsync(pipeline, async ct =>
        {
            await attempt(ct);
            return true;
        }, deadline, what, cancellationToken);
    }

    private ResiliencePipeline<T> Build<T>(RetryStrategyOptions<T> retry, TimeSpan interval, DateTimeOffset deadline)
    {
        retry.Delay = interval;
        retry.BackoffType = DelayBackoffType.Constant;
        retry.UseJitter = false;
        retry.MaxRetryAttempts = int.MaxValue;
        var left = deadline - time.GetUtcNow();
        return new ResiliencePipelineBuilder<T> { TimeProvider = time }
            .AddTimeout(PollyTimeout((left > TimeSpan.Zero ? left : TimeSpan.Zero) + HungPollGrace))
            .AddRetry(retry)
            .Build();
    }

    /// <summary>Polly's timeout strategy accepts 10 ms to one day; a timeout outside that range is brought inside it.</summary>
    public static TimeSpan PollyTimeout(TimeSpan timeout) =>
        timeout < MinTimeout ? MinTimeout : timeout > MaxTimeout ? MaxTimeout : timeout;

    private static async Task<T> RunAsync<T>(
        ResiliencePipeline<T> pipeline, Func<CancellationToken, ValueTask<T>> poll, DateTimeOffset deadline, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(poll, cancellationToken);
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimeoutException(
                $"{what}: a Docker request was still unanswered {HungPollGrace.TotalSeconds:0} s after the deadline " +
                $"({deadline:u}); check that dockerd is responsive.", e);
        }
    }
}
