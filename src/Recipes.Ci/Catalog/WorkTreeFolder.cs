namespace Recipes.Ci.Catalog;

/// <summary>Deletes a checked-out clone, including git's read-only pack files.</summary>
internal static class WorkTreeFolder
{
    public static void Delete(string path)
    {
        if (!Directory.Exists(path)) return;
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            File.SetAttributes(file, FileAttributes.Normal);
        Directory.Delete(path, recursive: true);
    }
}
