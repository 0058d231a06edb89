namespace TestKit;

/// <summary>
/// The one wait loop of the tests: polls a probe until its result is accepted, or throws a <see cref="TimeoutException"/>
/// that says what was last seen. For things that happen in their own time (a server starting, an instance finishing,
/// a container going away); never a fixed sleep.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Calls <paramref name="probe"/> every <paramref name="interval"/> until <paramref name="accept"/> holds for its
    /// result, and returns that result; a probe's exception propagates. <paramref name="describe"/> gets the last result
    /// and says what was expected and what was seen.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, Func<T, string> describe,
        TimeSpan? interval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(describe);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var value = await probe();
            if (accept(value))
                return value;
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"not within {timeout}: {describe(value)}");
            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; <paramref name="describe"/> says what did not happen.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe, TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(describe);
        return UntilAsync(condition, ok => ok, timeout, _ => describe(), interval, cancellationToken);
    }

    /// <summary>
    /// Polls a synchronous <paramref name="condition"/> (a process's output so far, what a fake has received, a task's
    /// completion) until it is true; <paramref name="describe"/> says what did not happen. The condition may throw to
    /// give up early (a process that exited).
    /// </summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe, TimeSpan? interval = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, describe, interval, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="UntilAsync{T}"/>, but a probe that throws <typeparamref name="TException"/> (a server not
    /// listening yet) counts as "not yet"; the last such exception becomes the timeout's inner exception.
    /// </summary>
    public static async Task<T> UntilAsync<T, TException>(Func<Task<T>> probe, Func<T, bool> accept, TimeSpan timeout, Func<string> describe,
        TimeSpan? interval = null, CancellationToken cancellationToken = default) where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentNullException.ThrowIfNull(describe);
        var started = TimeProvider.System.GetTimestamp();
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (accept(value))
                    return value;
            }
            catch (TException e)
            {
                last = e;
            }
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"not within {timeout}: {describe()}", last);
            await Task.Delay(interval ?? DefaultInterval, cancellationToken);
        }
    }
}
