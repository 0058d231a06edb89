namespace TestKit;

/// <summary>A unique temporary folder, deleted with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string purpose = "tmp")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), UniqueName.For(purpose));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }
}
