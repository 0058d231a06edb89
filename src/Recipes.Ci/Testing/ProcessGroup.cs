using System.Runtime.InteropServices;

namespace Recipes.Ci.Testing;

/// <summary>
/// Test commands run in a session of their own (via <c>setsid</c>), so the whole group can be killed at once,
/// including children that were reparented to init and that <see cref="System.Diagnostics.Process.Kill(bool)"/>
/// would not find.
/// </summary>
internal static class ProcessGroup
{
    private const int SigKill = 9;

    public const string SetsidPath = "/usr/bin/setsid";

    public static bool CanIsolate => File.Exists(SetsidPath);

    /// <summary>Sends SIGKILL to every process in the group led by <paramref name="leader"/>; false when none is left.</summary>
    public static bool Kill(int leader) => leader > 1 && KillNative(-leader, SigKill) == 0;

    // DllImport rather than LibraryImport: the signature is blittable and needs no unsafe code in this project.
    [DllImport("libc", EntryPoint = "kill")]
    private static extern int KillNative(int pid, int signal);
}
