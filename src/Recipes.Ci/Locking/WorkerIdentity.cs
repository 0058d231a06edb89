using System.Diagnostics;

namespace Recipes.Ci.Locking;

/// <summary>
/// Identifies the process holding a lock as <c>host:pid</c>. A holder on this host whose process is gone is dead
/// at once, without waiting for its lease to run out.
/// </summary>
public sealed record WorkerIdentity(string Host, int ProcessId)
{
    public static WorkerIdentity Current { get; } = new(Environment.MachineName, Environment.ProcessId);

    public override string ToString() => $"{Host}:{ProcessId}";

    public static WorkerIdentity? TryParse(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value[(colon + 1)..], out var pid) ? new WorkerIdentity(value[..colon], pid) : null;
    }

    /// <summary>False only when the worker certainly died: it ran on this host and its process no longer exists.</summary>
    public bool MayBeAlive()
    {
        if (Host != Current.Host || ProcessId == Current.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
