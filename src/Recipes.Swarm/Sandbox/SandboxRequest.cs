namespace Recipes.Swarm.Sandbox;

/// <summary>
/// One command to run in a throwaway container: <c>/bin/sh -c Command</c> in <paramref name="Image"/>, as
/// <paramref name="User"/>, with <paramref name="SourceFolder"/> mounted read-only at <see cref="SourceMount"/> (the
/// working directory) and a private writable work folder at <see cref="WorkMount"/>.
/// </summary>
/// <param name="Image">A local image; nothing is pulled.</param>
/// <param name="User">The container's user, <c>uid:gid</c>; never root.</param>
/// <param name="Network">Where the command can reach the app under test.</param>
/// <param name="Timeout">After this the container is killed and the result says so.</param>
public sealed record SandboxRequest(
    string Image,
    string Command,
    string SourceFolder,
    IReadOnlyDictionary<string, string> Environment,
    SandboxNetwork Network,
    TimeSpan Timeout,
    SandboxLimits Limits,
    string User = SandboxRequest.NobodyUser)
{
    /// <summary>The unprivileged user every Debian-style image knows: <c>nobody:nogroup</c>.</summary>
    public const string NobodyUser = "65534:65534";

    /// <summary>Where the test's own folder (its scripts) appears, read-only; the command starts there.</summary>
    public const string SourceMount = "/recipe";

    /// <summary>The private writable folder, also <c>HOME</c> and <c>TMPDIR</c>.</summary>
    public const string WorkMount = "/work";
}

/// <summary>Resource limits of a sandbox container.</summary>
/// <param name="MemoryBytes">Memory and swap together.</param>
/// <param name="Cpus">CPU quota in cores (1.5 = one and a half).</param>
/// <param name="Pids">Most processes at once (a fork bomb stops there).</param>
/// <param name="WorkBytes">Size of the writable work folder.</param>
public sealed record SandboxLimits(long MemoryBytes, double Cpus, long Pids, long WorkBytes)
{
    public static SandboxLimits Default { get; } = new(512L << 20, 1.0, 256, 256L << 20);
}

/// <summary>The outcome of a sandboxed command: exit code (null when killed), whether it timed out, its output.</summary>
public sealed record SandboxResult(int? ExitCode, bool TimedOut, TimeSpan Duration, string Output);
