using System.Globalization;

namespace RecipeCi.Bench;

/// <summary>
/// CPU seconds from <c>/proc/&lt;pid&gt;/stat</c> (Linux): a process's own time and that of its reaped children.
/// Load stretches wall-clock times but much less the CPU an operation needs, so the snapshot benchmark reports both.
/// </summary>
public sealed record CpuTimes(double Own, double Children)
{
    public static readonly CpuTimes Zero = new(0, 0);

    public double Total => Own + Children;

    public static CpuTimes Self() => Read("self");

    /// <summary>The Docker engine's CPU (dockerd and the docker-tar / docker-untar processes it re-executes and reaps), or zero when not readable.</summary>
    public static CpuTimes Dockerd()
    {
        try
        {
            var pid = File.ReadAllText("/var/run/docker.pid").Trim();
            return Read(pid);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return Zero;
        }
    }

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Own - b.Own, a.Children - b.Children);

    private static CpuTimes Read(string pid)
    {
        if (!File.Exists($"/proc/{pid}/stat")) return Zero;
        var text = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces) start at field 3; utime..cstime are fields 14-17.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        double Ticks(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / 100.0; // USER_HZ is 100 on Linux
        return new CpuTimes(Ticks(14) + Ticks(15), Ticks(16) + Ticks(17));
    }
}
