namespace RecipeCi.Bench;

/// <summary>
/// Figures of <c>recipeci bench snapshot</c>. Rates are data bytes (file contents) per second, in MB (10^6).
/// Snapshot = archive API → tar file with SHA-256 and fsync, beside tar -cf + fsync of the tar file; restore =
/// verify + recreate volume + extract, beside tar -xf. Cap = the archive endpoint drained into nothing, beside
/// tar -cf - drained into nothing. Ratios are ours / tar's (1.0 = as fast as tar; the target is at least 0.8).
/// CPU seconds: ours = this process (with the tar it runs on the direct transport) + dockerd with the docker-tar/untar processes it reaps (dockerd's figure also
/// holds whatever else the engine served meanwhile); tar's = the tar (and sync) processes. Load averages are
/// 1-minute, before and after.
/// </summary>
public sealed record SnapshotBenchmarkResult(
    long DataBytes,
    int Files,
    long ArchiveBytes,
    double SnapshotSeconds,
    double TarCreateSeconds,
    double RestoreSeconds,
    double RestoreVerifySeconds,
    double TarExtractSeconds,
    double ApiToNullSeconds,
    double TarToNullSeconds,
    OperationCpu SnapshotCpu,
    OperationCpu RestoreCpu,
    double TarCreateCpuSeconds,
    double TarExtractCpuSeconds,
    double LoadBefore,
    double LoadAfter)
{
    /// <summary>The transport snapshot and restore used (Archive or Direct), and why.</summary>
    public string Transport { get; init; } = "";
    public string TransportReason { get; init; } = "";

    /// <summary>Direct restore: how long deleting the volume's old content went on after the restore returned.</summary>
    public double OldContentDeleteSeconds { get; init; }

    public double SnapshotMBps => DataBytes / 1e6 / SnapshotSeconds;
    public double TarCreateMBps => DataBytes / 1e6 / TarCreateSeconds;
    public double RestoreMBps => DataBytes / 1e6 / RestoreSeconds;
    public double TarExtractMBps => DataBytes / 1e6 / TarExtractSeconds;
    public double ApiToNullMBps => DataBytes / 1e6 / ApiToNullSeconds;
    public double TarToNullMBps => DataBytes / 1e6 / TarToNullSeconds;
    public double SnapshotRatio => SnapshotMBps / TarCreateMBps;
    public double RestoreRatio => RestoreMBps / TarExtractMBps;
    public double CapRatio => ApiToNullMBps / TarToNullMBps;
}

/// <summary>CPU seconds an operation of ours used: in this process and in the Docker engine.</summary>
public sealed record OperationCpu(double Recipeci, double Engine)
{
    public double Total => Recipeci + Engine;
}
