using System.Diagnostics;

namespace RecipeCi.Bench;

/// <summary>The process's resident set size, read fresh each time (Process caches it until refreshed).</summary>
internal static class ProcessMemory
{
    public static long ResidentSetBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
