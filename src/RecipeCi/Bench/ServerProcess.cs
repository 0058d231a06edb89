using System.Diagnostics;
using System.Reflection;

namespace RecipeCi.Bench;

/// <summary>A <c>recipeci serve</c> child process of a benchmark, started from this very executable and killed afterwards.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="executable">Another build to start (a <c>recipeci</c> executable or <c>recipeci.dll</c>, to compare
    /// builds); null starts this very one.</param>
    public static ServerProcess Start(int port, IEnumerable<string> configuration, string workingDirectory, string? executable = null)
    {
        var runsDll = executable?.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) == true;
        var host = executable is null ? Environment.ProcessPath ?? "dotnet" : runsDll ? "dotnet" : executable;
        var info = new ProcessStartInfo(host) { UseShellExecute = false, WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        // Under `dotnet recipeci.dll` the process is dotnet itself: pass the assembly first.
        if (runsDll)
            info.ArgumentList.Add(Path.GetFullPath(executable!));
        else if (executable is null && Path.GetFileNameWithoutExtension(host) == "dotnet")
            info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var arg in (string[])["serve", "--urls", $"http://127.0.0.1:{port}", "--log-format", "json", .. configuration])
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start recipeci serve");
        // Drain the logs so the child never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Resident memory of the node, from /proc.</summary>
    public double RssMegabytes()
    {
        _process.Refresh();
        return _process.HasExited ? 0 : _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>CPU time the node has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
