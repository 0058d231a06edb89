using System.Diagnostics;

namespace Recipes.Ci.Testing;

/// <summary>The outcome of one shell command: exit code (null when killed), whether it timed out, its output.</summary>
public sealed record ShellCommandResult(int? ExitCode, bool TimedOut, TimeSpan Duration, string Output);

/// <summary>
/// Runs <c>/bin/sh -c &lt;command&gt;</c> with extra environment variables and a timeout; on timeout (or
/// cancellation) the whole process group is killed. Standard input is closed, so a command waiting for input
/// fails instead of hanging. The server's own <c>RECIPECI_*</c> variables (which may hold secrets) are removed.
/// <c>runAs</c> is a command prefix that switches user (e.g. <c>setpriv --reuid=...</c>) before the shell starts.
/// </summary>
public sealed class ShellCommand(int outputLimit = 256 * 1024)
{
    // After a kill, how long to wait for the pipes to close: a grandchild that escaped the group may hold them.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    public Task<ShellCommandResult> RunAsync(
        string command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        CancellationToken cancellationToken) =>
        RunAsync(command, workingDirectory, environment, timeout, runAs: [], cancellationToken);

    public async Task<ShellCommandResult> RunAsync(
        string command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        IReadOnlyList<string> runAs,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = ProcessGroup.SetsidPath,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var program = new List<string>(runAs) { "/bin/sh" };
        if (!ProcessGroup.CanIsolate)
        {
            start.FileName = program[0];
            program.RemoveAt(0);
        }
        foreach (var part in program) start.ArgumentList.Add(part);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("RECIPECI_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var output = new OutputBuffer(outputLimit);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return new ShellCommandResult(process.ExitCode, false, clock.Elapsed, output.ToString());
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            using var drain = new CancellationTokenSource(DrainLimit);
            try { await process.WaitForExitAsync(drain.Token); }
            catch (OperationCanceledException) { /* pipes held open by an escaped process; the output so far is kept */ }
            cancellationToken.ThrowIfCancellationRequested();
            output.Append($"[recipeci: killed after the timeout of {timeout.TotalSeconds:0.#} s]");
            return new ShellCommandResult(null, true, clock.Elapsed, output.ToString());
        }
    }

    private static void Kill(Process process)
    {
        if (ProcessGroup.CanIsolate) ProcessGroup.Kill(process.Id);
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already exited */ }
    }
}
