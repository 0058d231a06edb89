namespace Recipes.Swarm.Compose;

/// <summary>Reads the container-level keys of a service into <see cref="ContainerOptions"/>, one key at a time.</summary>
public sealed class ContainerOptionsReader(ComposeReadContext context)
{
    public static readonly IReadOnlySet<string> Keys = new HashSet<string>
    {
        "read_only", "init", "user", "working_dir", "hostname", "stop_signal", "stop_grace_period",
        "cap_add", "cap_drop", "sysctls", "ulimits", "extra_hosts", "tmpfs", "logging",
    };

    private static readonly HashSet<string> UlimitKeys = ["soft", "hard"];
    private static readonly HashSet<string> LoggingKeys = ["driver", "options"];

    public ContainerOptions Read(ContainerOptions options, string key, ComposeNode value, string path) => key switch
    {
        "read_only" => options with { ReadOnly = context.Bool(value, path) },
        "init" => options with { Init = context.Bool(value, path) },
        "user" => options with { User = context.String(value, path) },
        "working_dir" => options with { WorkingDir = context.String(value, path) },
        "hostname" => options with { Hostname = context.String(value, path) },
        "stop_signal" => options with { StopSignal = context.String(value, path) },
        "stop_grace_period" => options with { StopGracePeriod = context.Duration(value, path) },
        "cap_add" => options with { CapAdd = context.StringList(value, path) },
        "cap_drop" => options with { CapDrop = context.StringList(value, path) },
        "sysctls" => options with { Sysctls = context.StringMap(value, path) },
        "ulimits" => options with { Ulimits = ReadUlimits(value, path) },
        "extra_hosts" => options with { ExtraHosts = ReadExtraHosts(value, path) },
        "tmpfs" => options with { Tmpfs = ReadTmpfs(value, path) },
        _ => options with { Logging = ReadLogging(value, path) },
    };

    private List<UlimitDefinition> ReadUlimits(ComposeNode node, string path)
    {
        var result = new List<UlimitDefinition>();
        if (context.Mapping(node, path) is not { } map) return result;
        foreach (var (name, value) in map.Entries)
        {
            var at = $"{path}.{name}";
            if (value is ScalarNode)
            {
                if (context.Integer(value, at) is { } both) result.Add(new UlimitDefinition(name, both, both));
                continue;
            }
            if (context.Mapping(value, at) is not { } limits) continue;
            long? soft = null, hard = null;
            context.ForEachKey(limits, at, UlimitKeys, (k, v, p) =>
            {
                if (k == "soft") soft = context.Integer(v, p);
                else hard = context.Integer(v, p);
            });
            if (soft is null || hard is null) context.Error(limits, at, "needs both soft and hard (or one number for both)");
            else result.Add(new UlimitDefinition(name, soft.Value, hard.Value));
        }
        return result;
    }

    /// <summary><c>host:ip</c> or <c>host=ip</c> entries (an IPv6 address keeps its colons), or a host-to-ip mapping.</summary>
    private List<ExtraHost> ReadExtraHosts(ComposeNode node, string path)
    {
        if (node is MappingNode map)
            return map.Entries.Select(e => new ExtraHost(e.Key, context.String(e.Value, $"{path}.{e.Key}") ?? "")).ToList();
        var result = new List<ExtraHost>();
        foreach (var (entry, i) in context.StringList(node, path).Select((e, i) => (e, i)))
        {
            var cut = entry.IndexOf('=') is var eq and >= 0 ? eq : entry.IndexOf(':');
            if (cut <= 0 || cut == entry.Length - 1) context.Error(node, $"{path}[{i}]", $"'{entry}' is not HOST:IP");
            else result.Add(new ExtraHost(entry[..cut], entry[(cut + 1)..].Trim('[', ']')));
        }
        return result;
    }

    /// <summary>A path or a list of paths, each with optional <c>:size=…,mode=…</c> (as <c>docker run --tmpfs</c>).</summary>
    private List<TmpfsDefinition> ReadTmpfs(ComposeNode node, string path)
    {
        var entries = node is ScalarNode ? [context.String(node, path) ?? ""] : context.StringList(node, path);
        var result = new List<TmpfsDefinition>();
        foreach (var entry in entries.Where(e => e.Length > 0))
        {
            var parts = entry.Split(':', 2);
            var tmpfs = new TmpfsDefinition(parts[0], null, null);
            foreach (var option in parts.Length == 2 ? parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [])
            {
                var (name, value) = option.IndexOf('=') is var eq and >= 0 ? (option[..eq], option[(eq + 1)..]) : (option, "");
                if (name == "size" && ByteSize.TryParse(value, out var bytes)) tmpfs = tmpfs with { SizeBytes = bytes };
                else if (name == "mode" && TryOctal(value, out var mode)) tmpfs = tmpfs with { Mode = mode };
                else if (name is "size" or "mode") context.Error(node, path, $"tmpfs option '{option}' of '{entry}' is not a size (64m) or an octal mode (1777)");
                else context.Warn(node, path, $"tmpfs option '{option}' of '{entry}' has no Swarm equivalent and is ignored");
            }
            if (!tmpfs.Target.StartsWith('/')) context.Error(node, path, $"'{entry}' must be an absolute path");
            else result.Add(tmpfs);
        }
        return result;
    }

    private static bool TryOctal(string text, out uint mode)
    {
        mode = 0;
        if (text.Length == 0 || text.Any(c => c is < '0' or > '7')) return false;
        mode = Convert.ToUInt32(text, 8);
        return true;
    }

    private LoggingDefinition? ReadLogging(ComposeNode node, string path)
    {
        if (context.Mapping(node, path) is not { } map) return null;
        var logging = new LoggingDefinition(null, new Dictionary<string, string>());
        context.ForEachKey(map, path, LoggingKeys, (key, value, keyPath) =>
        {
            logging = key == "driver"
                ? logging with { Driver = context.String(value, keyPath) }
                : logging with { Options = context.StringMap(value, keyPath) };
        });
        return logging;
    }
}
