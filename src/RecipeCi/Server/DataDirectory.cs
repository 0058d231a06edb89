namespace RecipeCi.Server;

/// <summary>
/// The data folder holds the database, secrets and work trees: it is created readable by recipeci's user only (0700)
/// whatever the umask, and an existing one is tightened to that.
/// </summary>
public static class DataDirectory
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Secure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, OwnerOnly);
        File.SetUnixFileMode(path, OwnerOnly);
    }
}
