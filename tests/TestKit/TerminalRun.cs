using System.Diagnostics;

namespace TestKit;

/// <summary>
/// Runs the built <c>recipeci</c> on a pseudo-terminal, as a person at a terminal types it: util-linux <c>script</c>
/// gives it a pty of <paramref name="Width"/> columns (stdout and stderr both on it); the result is what was written
/// to the terminal and the <see cref="TerminalScreen"/> a person would be left looking at.
/// </summary>
public sealed record TerminalRun(int ExitCode, string Transcript, TerminalScreen Screen, int Width)
{
    public static async Task<TerminalRun> RunAsync(IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null,
        int width = 160)
    {
        var command = $"stty cols {width} rows 50; exec dotnet {Quote(RecipeCiProcess.ExecutablePath)} {string.Join(' ', args.Select(Quote))}";
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        // -q: no "Script started" lines; -e: its exit code is the program's; -f: written as it comes; no typescript file.
        foreach (var arg in new[] { "-qefc", command, "/dev/null" })
            info.ArgumentList.Add(arg);
        info.Environment["TERM"] = "xterm-256color";
        info.Environment.Remove("COLUMNS");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not run script(1) (util-linux)");
        process.StandardInput.Close();
        var transcript = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"recipeci {string.Join(' ', args)} on a terminal did not end within {timeout}");
        }
        var text = await transcript + await errors;
        return new TerminalRun(process.ExitCode, text, new TerminalScreen(text, width), width);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
