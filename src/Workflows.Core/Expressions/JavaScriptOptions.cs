namespace Workflows.Core.Expressions;

/// <summary>
/// Sandbox limits for JavaScript expressions (configured as <c>Workflows:JavaScript:*</c> by the server). A script
/// that breaks one faults its activity with an incident naming the limit; none of them can end the process.
/// </summary>
public sealed record JavaScriptOptions
{
    /// <summary>Wall-clock limit of one evaluation, also the longest wait for a free slot (<see cref="MaxConcurrency"/>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Bytes one evaluation may allocate. Counted by Jint per statement, and checked before a built-in that makes a
    /// string or array of a size its arguments decide (repeat, padStart/padEnd, join, concat, replace, JSON.stringify).
    /// </summary>
    public long MemoryLimitBytes { get; init; } = 32 * 1024 * 1024;

    public int RecursionLimit { get; init; } = 256;
    public int MaxStatements { get; init; } = 1_000_000;

    /// <summary>Match timeout of every regular expression; never longer than <see cref="Timeout"/>.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Scripts evaluated at once by one server; the rest wait up to <see cref="Timeout"/> for a slot.</summary>
    public int MaxConcurrency { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>The regex timeout actually applied: within the script's own time limit.</summary>
    public TimeSpan EffectiveRegexTimeout => RegexTimeout < Timeout ? RegexTimeout : Timeout;

    /// <summary>The longest array a script may make: an element costs at least 32 bytes in Jint.</summary>
    public uint MaxArrayLength => (uint)Math.Clamp(MemoryLimitBytes / 32, 1024, uint.MaxValue - 1L);
}
