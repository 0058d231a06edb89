using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;

namespace Recipes.Swarm.Volumes;

/// <summary>
/// Decides <c>Snapshots:Transport</c> per volume. Direct needs: the engine on a local unix socket (so its host
/// paths are ours), the <c>local</c> driver without options (with options it mounts a device or NFS only while a
/// container uses the volume; its folder is then not the data), root (to read every file and keep every owner),
/// GNU tar, and the volume's Mountpoint readable and writable here, with its parent writable (the restore stages
/// next to it). Auto falls back to Archive when any is missing; Direct then fails, naming what is missing.
/// </summary>
public sealed class VolumeTransportSelector(SnapshotOptions options, DockerOptions docker, HostTar tar)
{
    public SnapshotTransport Configured => options.Transport;

    /// <summary>The transport for <paramref name="volume"/>; throws <see cref="SnapshotException"/> when Direct is configured and impossible.</summary>
    public VolumeTransport Choose(VolumeInfo volume)
    {
        if (options.Transport == SnapshotTransport.Archive)
            return new VolumeTransport(SnapshotTransport.Archive, null, "Snapshots:Transport is Archive");
        var problem = DirectProblem(volume);
        if (problem is null)
            return new VolumeTransport(SnapshotTransport.Direct, volume.Mountpoint,
                options.Transport == SnapshotTransport.Direct ? "Snapshots:Transport is Direct" : "Auto: local engine, local driver, host folder accessible");
        if (options.Transport == SnapshotTransport.Direct)
            throw new SnapshotException($"Snapshots:Transport is Direct, but volume {volume.Name} cannot use it: {problem} Set Snapshots:Transport to Auto or Archive.");
        return new VolumeTransport(SnapshotTransport.Archive, null, $"Auto: {problem}");
    }

    /// <summary>
    /// Whether Direct could serve a volume of this driver and options once it exists (before a restore creates it).
    /// Null when it could; else why not (the volume is then restored through the archive API).
    /// </summary>
    public string? PlanProblem(string driver, IReadOnlyDictionary<string, string> driverOptions)
    {
        if (options.Transport == SnapshotTransport.Archive) return "Snapshots:Transport is Archive";
        return GeneralProblem(driver, driverOptions);
    }

    private string? GeneralProblem(string driver, IReadOnlyDictionary<string, string> driverOptions)
    {
        if (docker.Endpoint.Scheme != "unix")
            return $"the engine is at {docker.Endpoint}, not on a local unix socket, so its volume folders are not on this machine.";
        if (driver != "local") return $"its driver is '{driver}', not 'local'.";
        if (driverOptions.Count > 0)
            return $"the local driver has options ({string.Join(", ", driverOptions.Keys)}): it mounts them only while a container uses the volume.";
        if (!Environment.IsPrivilegedProcess)
            return "recipeci does not run as root, so it can neither read every file of a volume nor keep owners on restore.";
        return tar.Problem;
    }

    private string? DirectProblem(VolumeInfo volume)
    {
        var general = GeneralProblem(volume.Driver, volume.Options);
        if (general is not null) return general;
        var mountpoint = volume.Mountpoint;
        if (string.IsNullOrEmpty(mountpoint)) return "the engine reports no Mountpoint for it.";
        if (!Directory.Exists(mountpoint)) return $"its Mountpoint {mountpoint} is not a folder on this machine (is the engine in another mount namespace?).";
        if (!Libc.Access(mountpoint, Libc.ReadOk | Libc.WriteOk | Libc.ExecuteOk)) return $"its Mountpoint {mountpoint} is not readable and writable by this process.";
        var parent = Path.GetDirectoryName(mountpoint);
        if (parent is null || !Libc.Access(parent, Libc.WriteOk | Libc.ExecuteOk)) return $"the folder holding its Mountpoint ({parent}) is not writable by this process.";
        return null;
    }
}
