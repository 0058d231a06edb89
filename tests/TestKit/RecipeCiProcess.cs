using System.Diagnostics;
using System.Text;

namespace TestKit;

/// <summary>
/// Runs the built <c>recipeci</c> executable (recipeci.dll next to the test assembly) as a real process:
/// either to completion (<see cref="RunAsync"/>) or as a server that is killed when disposed.
/// </summary>
public sealed class RecipeCiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RecipeCiProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr interleaved).</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "recipeci.dll");

    public static RecipeCiProcess Start(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(ExecutablePath);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        return new RecipeCiProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start recipeci"));
    }

    /// <summary>Runs recipeci to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null,
        IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        await using var process = Start(args, environment, workingDirectory);
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        using var cts = new CancellationTokenSource(limit);
        try
        {
            // Also waits for the end of the redirected output, so Output is complete.
            await process._process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // A verdict with what it printed, rather than a bare "task was canceled" (or a wait with no end).
            process.Kill();
            throw new TimeoutException($"recipeci {string.Join(' ', args)} did not end within {limit}; it printed:\n{process.Output}");
        }
        return (process._process.ExitCode, process.Output);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The exit code; only valid once the process has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Sends SIGTERM (as systemd or <c>docker stop</c> do): the server's graceful shutdown runs. Returns at once; wait
    /// with <see cref="WaitForExitAsync"/>.
    /// </summary>
    public void Terminate()
    {
        if (_process.HasExited)
            return;
        // kill(1) rather than P/Invoke: the test process needs no native interop for this.
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not run kill");
        kill.WaitForExit();
        if (kill.ExitCode != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill -TERM {_process.Id} exited with {kill.ExitCode}");
    }

    /// <summary>Like <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill() { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }

    public async ValueTask DisposeAsync()
    {
        Kill();
        // Bounded: a killed tree ends at once; a pipe some stray grandchild kept open must not hang the test run.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }
        _process.Dispose();
    }
}
