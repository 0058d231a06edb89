using System.Diagnostics;

namespace Recipes.Ci.Testing;

/// <summary>
/// The fallback when no test image exists: runs a test command as an unprivileged local user (<c>Ci:Tests:User</c>)
/// through util-linux's <c>setpriv</c> (no supplementary groups, no new privileges), in a private copy of the test's
/// folder that only that user can read. recipeci must run as root to switch users; root itself is never used.
/// </summary>
public sealed class UserSandbox(ShellCommand shell)
{
    private const string Setpriv = "/usr/bin/setpriv";

    /// <summary>Checks that <paramref name="userName"/> can be used, or says why not and what to do.</summary>
    public static LocalUser Resolve(string userName)
    {
        var user = LocalUser.Find(userName)
            ?? throw new TestSandboxUnavailableException(
                $"Ci:Tests:User = '{userName}' does not exist on this host; create it (adduser --system --no-create-home {userName}) " +
                "or build the test image (docker/test-image/build).");
        if (user.Uid == 0)
            throw new TestSandboxUnavailableException($"Ci:Tests:User = '{userName}' is root; tests never run as root. Use an unprivileged user.");
        if (!Environment.IsPrivilegedProcess)
            throw new TestSandboxUnavailableException(
                "Ci:Tests:User needs recipeci to run as root to switch to that user; run the server as root or build the test image (docker/test-image/build).");
        if (!File.Exists(Setpriv))
            throw new TestSandboxUnavailableException($"{Setpriv} is missing (Debian package util-linux); it runs tests as Ci:Tests:User.");
        return user;
    }

    public async Task<ShellCommandResult> RunAsync(LocalUser user, string command, string sourceFolder,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), $"recipeci-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await RunToolAsync("cp", ["-a", "--", Path.Combine(sourceFolder, "."), work], cancellationToken);
            await RunToolAsync("chown", ["-R", $"{user.Uid}:{user.Gid}", "--", work], cancellationToken);
            var env = new Dictionary<string, string>(environment) { ["HOME"] = work, ["TMPDIR"] = work, ["USER"] = user.Name, ["LOGNAME"] = user.Name };
            string[] runAs = [Setpriv, $"--reuid={user.Uid}", $"--regid={user.Gid}", "--clear-groups", "--no-new-privs", "--"];
            return await shell.RunAsync(command, work, env, timeout, runAs, cancellationToken);
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* a process of the test still writes there; the system's tmp cleaning takes it */ }
        }
    }

    private static async Task RunToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed preparing the test's work folder: {error.Trim()}");
    }
}
