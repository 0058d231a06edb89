using System.Runtime.InteropServices;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// The few Linux calls .NET does not wrap: access(2) (what this process may do, root's rules included),
/// renameat2(2) with RENAME_EXCHANGE (swap two folders in one atomic step) and F_SETPIPE_SZ (bigger pipes,
/// fewer wake-ups). DllImport rather than LibraryImport: the signatures need no unsafe code in this project.
/// </summary>
internal static class Libc
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;
    private const int FSetPipeSize = 1031;
    public const int ReadOk = 4;
    public const int WriteOk = 2;
    public const int ExecuteOk = 1;

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int AccessNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2Native(int oldDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDir, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int FcntlNative(int fd, int command, int argument);

    public static bool Access(string path, int mode) => AccessNative(path, mode) == 0;

    /// <summary>Swaps two paths atomically; false (with the errno) when the file system or kernel cannot.</summary>
    public static bool TryExchange(string a, string b, out int errno)
    {
        try
        {
            if (RenameAt2Native(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0)
            {
                errno = 0;
                return true;
            }
            errno = Marshal.GetLastPInvokeError();
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            errno = 38; // ENOSYS: a libc without renameat2
            return false;
        }
    }

    /// <summary>Best effort: a pipe keeps its size when the kernel refuses.</summary>
    public static void TryGrowPipe(SafeHandle pipe, int bytes)
    {
        var added = false;
        try
        {
            pipe.DangerousAddRef(ref added);
            _ = FcntlNative((int)pipe.DangerousGetHandle(), FSetPipeSize, bytes);
        }
        finally
        {
            if (added) pipe.DangerousRelease();
        }
    }
}
