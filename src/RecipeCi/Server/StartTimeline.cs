using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Hosting;

namespace RecipeCi.Server;

/// <summary>
/// Where <c>serve</c>'s start spends its time: one Debug line per phase (configuration read, services built, each
/// hosted service started, listening) with the milliseconds since the process started and the process CPU by then.
/// Enable with <c>--Serilog:MinimumLevel:Override:RecipeCi.Server.StartTimeline Debug</c>. Hosted services start one
/// after another in registration order, so a mark registered after each one times it without wrapping it (a wrapper
/// would hide a <see cref="BackgroundService"/> from the host's failure handling).
/// </summary>
public sealed class StartTimeline(TimeProvider time)
{
    private readonly DateTimeOffset _processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private readonly List<Mark> _early = [];

    /// <summary>Notes a phase before logging exists (the host is not built yet); <see cref="LogEarly"/> writes it.</summary>
    public void Note(string phase) => _early.Add(Now(phase));

    public void LogEarly(ILogger logger)
    {
        foreach (var mark in _early) Write(logger, mark);
        _early.Clear();
    }

    public void Log(ILogger logger, string phase) => Write(logger, Now(phase));

    // The JIT's share shows how much of a start ReadyToRun code would save: what is compiled at run time is what the
    // ReadyToRun image does not hold (generic code shared with the framework, dynamic methods).
    private Mark Now(string phase) =>
        new(phase, Elapsed(), Cpu(), JitInfo.GetCompilationTime().TotalMilliseconds, JitInfo.GetCompiledMethodCount());

    private static void Write(ILogger logger, Mark mark) =>
        logger.LogDebug("Start: {Phase} at {Milliseconds:0} ms after process start (CPU {CpuMilliseconds:0} ms, JIT {JitMilliseconds:0} ms for {JitMethods} methods)",
            mark.Phase, mark.Milliseconds, mark.CpuMilliseconds, mark.JitMilliseconds, mark.JitMethods);

    private double Elapsed() => (time.GetUtcNow() - _processStart).TotalMilliseconds;

    private static double Cpu() => Environment.CpuUsage.TotalTime.TotalMilliseconds;

    private sealed record Mark(string Phase, double Milliseconds, double CpuMilliseconds, double JitMilliseconds, long JitMethods);
}
