using System.Diagnostics;
using System.IO.Pipes;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// The host's GNU tar (Debian always has it), run as a child process for the direct transport. Found on PATH
/// once per instance; anything but GNU tar is refused, because the direct transport relies on its options
/// (<c>--transform</c> with flags, <c>--numeric-owner</c>, <c>--same-owner</c>).
/// </summary>
public sealed class HostTar
{
    private const int PipeBytes = 1 << 20;
    private readonly Lazy<(string? Path, string? Problem)> _found = new(Find);

    /// <summary>Why the host's tar cannot be used, or null when it can.</summary>
    public string? Problem => _found.Value.Problem;

    /// <summary>
    /// Starts tar, with its stdin as a pipe when <paramref name="pipeStdin"/> (extracting a stream), else with no
    /// pipe (it writes its archive to a file itself); stderr is collected.
    /// </summary>
    public TarProcess Start(IReadOnlyList<string> arguments, bool pipeStdin)
    {
        var (path, problem) = _found.Value;
        if (path is null) throw new InvalidOperationException(problem);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = pipeStdin,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // C locale: messages quoted in errors are the same everywhere.
        start.Environment["LC_ALL"] = "C";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {path}.");
        PipeStream? pipe = null;
        if (pipeStdin)
        {
            pipe = (PipeStream)process.StandardInput.BaseStream;
            // 64 KiB pipes wake both ends every 64 KiB; 1 MiB pipes match the copy's blocks.
            Libc.TryGrowPipe(pipe.SafePipeHandle, PipeBytes);
        }
        return new TarProcess(process, pipe, $"tar {string.Join(' ', arguments)}");
    }

    private static (string? Path, string? Problem) Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "tar"))
            .FirstOrDefault(File.Exists);
        if (path is null) return (null, "no tar on PATH; the direct snapshot transport needs GNU tar (Debian: apt-get install tar).");
        try
        {
            using var version = Process.Start(new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = version.StandardOutput.ReadToEnd();
            version.WaitForExit();
            return text.Contains("GNU tar", StringComparison.Ordinal)
                ? (path, null)
                : (null, $"{path} is not GNU tar ({text.Split('\n')[0].Trim()}); the direct snapshot transport needs GNU tar.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"{path} cannot be run ({ex.Message}); the direct snapshot transport needs GNU tar.");
        }
    }
}

/// <summary>A running tar: its data pipe (stdin, when it extracts a stream), and its exit checked with stderr in the error.</summary>
public sealed class TarProcess(Process process, PipeStream? pipe, string command) : IDisposable
{
    private readonly Task<string> _stderr = process.StandardError.ReadToEndAsync();

    public Stream Pipe => pipe ?? throw new InvalidOperationException($"{command} was started without a pipe.");

    /// <summary>Completes when tar has exited, whatever its exit code.</summary>
    public Task ExitedAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    /// <summary>Waits for tar to end; throws with its message when it failed.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        var stderr = (await _stderr).Trim();
        if (process.ExitCode != 0)
            throw new IOException($"{command} exited with {process.ExitCode}: {(stderr.Length > 2000 ? stderr[..2000] + " ..." : stderr)}");
    }

    /// <summary>Kills tar if it still runs (a failed or cancelled copy) and frees the process.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        pipe?.Dispose();
        process.Dispose();
    }
}
