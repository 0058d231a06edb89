namespace RecipeCi.Bench;

/// <summary>
/// Figures of <c>recipeci bench snapshot</c>. Rates are data bytes (file contents) per second, in MB (10^6).
/// Snapshot = archive API → tar file with SHA-256 and fsync; restore = verify + recreate volume + extract.
/// Ratios are ours / tar's (1.0 = as fast as tar; the target is at least 0.8).
/// </summary>
public sealed record SnapshotBenchmarkResult(
    long DataBytes,
    int Files,
    long ArchiveBytes,
    double SnapshotSeconds,
    double TarCreateSeconds,
    double RestoreSeconds,
    double RestoreVerifySeconds,
    double TarExtractSeconds)
{
    public double SnapshotMBps => DataBytes / 1e6 / SnapshotSeconds;
    public double TarCreateMBps => DataBytes / 1e6 / TarCreateSeconds;
    public double RestoreMBps => DataBytes / 1e6 / RestoreSeconds;
    public double TarExtractMBps => DataBytes / 1e6 / TarExtractSeconds;
    public double SnapshotRatio => SnapshotMBps / TarCreateMBps;
    public double RestoreRatio => RestoreMBps / TarExtractMBps;
}
