namespace RecipeCi.Bench;

/// <summary>
/// Writes benchmark data: about 40% of the bytes in 64 MiB files, 40% in 1 MiB files and 20% in 16 KiB files,
/// in nested folders, from random (incompressible) bytes.
/// </summary>
public static class VolumeFiller
{
    private static readonly (double Share, int Size, string Folder)[] Mix =
    [
        (0.4, 64 << 20, "large"),
        (0.4, 1 << 20, "medium"),
        (0.2, 16 << 10, "small"),
    ];

    /// <summary>Returns the number of files written; their contents add up to exactly <paramref name="size"/> bytes.</summary>
    public static async Task<int> FillAsync(string folder, long size, CancellationToken cancellationToken)
    {
        var pool = new byte[(64 << 20) + 4096];
        Random.Shared.NextBytes(pool);
        var files = 0;
        long written = 0;
        for (var m = 0; m < Mix.Length; m++)
        {
            var (share, fileSize, name) = Mix[m];
            var budget = m == Mix.Length - 1 ? size - written : (long)(size * share);
            var index = 0;
            while (budget > 0)
            {
                var length = (int)Math.Min(fileSize, budget);
                var dir = Path.Combine(folder, name, (index / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                Directory.CreateDirectory(dir);
                // A different offset per file, so no two files are the same.
                var offset = index % 4096;
                await using (var file = new FileStream(Path.Combine(dir, $"f{index}.bin"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
                {
                    await file.WriteAsync(pool.AsMemory(offset, length), cancellationToken);
                }
                budget -= length;
                written += length;
                files++;
                index++;
            }
        }
        return files;
    }
}
