using System.Diagnostics;
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
    private readonly List<(string Phase, double Milliseconds, double CpuMilliseconds)> _early = [];

    /// <summary>Notes a phase before logging exists (the host is not built yet); <see cref="LogEarly"/> writes it.</summary>
    public void Note(string phase) => _early.Add((phase, Elapsed(), Cpu()));

    public void LogEarly(ILogger logger)
    {
        foreach (var (phase, milliseconds, cpu) in _early) Write(logger, phase, milliseconds, cpu);
        _early.Clear();
    }

    public void Log(ILogger logger, string phase) => Write(logger, phase, Elapsed(), Cpu());

    private static void Write(ILogger logger, string phase, double milliseconds, double cpu) =>
        logger.LogDebug("Start: {Phase} at {Milliseconds:0} ms after process start (CPU {CpuMilliseconds:0} ms)", phase, milliseconds, cpu);

    private double Elapsed() => (time.GetUtcNow() - _processStart).TotalMilliseconds;

    private static double Cpu() => Environment.CpuUsage.TotalTime.TotalMilliseconds;
}
