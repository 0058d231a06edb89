using System.Globalization;

namespace Recipes.Swarm.Compose;

/// <summary>Reads one entry under <c>services:</c> into a <see cref="ServiceDefinition"/>.</summary>
public sealed class ServiceReader(ComposeReadContext context, AppEnvironment environment, string recipeDirectory)
{
    /// <summary>Keys <c>docker stack deploy</c> ignores (Swarm has its own restart policy, ordering and images): a warning, even in strict mode.</summary>
    private static readonly HashSet<string> IgnoredByStackDeploy = ["restart", "depends_on", "build", "container_name"];

    private static readonly HashSet<string> ServiceKeys =
    [
        "image", "command", "entrypoint", "environment", "volumes", "networks", "configs", "secrets", "healthcheck", "labels", "ports", "deploy",
        .. ContainerOptionsReader.Keys, .. IgnoredByStackDeploy,
    ];

    private static readonly HashSet<string> VolumeKeys = ["type", "source", "target", "read_only"];
    private static readonly HashSet<string> NetworkKeys = ["aliases"];
    private static readonly HashSet<string> GrantKeys = ["source", "target", "uid", "gid", "mode"];
    private static readonly HashSet<string> PortKeys = ["target", "published", "protocol", "mode"];

    private readonly DeployReader _deploy = new(context);
    private readonly ContainerOptionsReader _container = new(context);

    public ServiceDefinition? Read(string name, ComposeNode node)
    {
        var path = $"services.{name}";
        if (context.Mapping(node, path) is not { } map) return null;
        var service = new ServiceDefinition(name, "", null, null, new Dictionary<string, string>(), [], [], [], [], null,
            new Dictionary<string, string>(), [], DeployDefinition.Default);
        context.ForEachKey(map, path, ServiceKeys, (key, value, keyPath) =>
        {
            service = key switch
            {
                "image" => service with { Image = context.String(value, keyPath) ?? "" },
                "command" => service with { Command = context.Words(value, keyPath) },
                "entrypoint" => service with { Entrypoint = context.Words(value, keyPath) },
                "environment" => service with { Environment = ReadEnvironment(value, keyPath) },
                "volumes" => service with { Volumes = ReadList(value, keyPath, ReadVolume) },
                "networks" => service with { Networks = ReadNetworks(value, keyPath) },
                "configs" => service with { Configs = ReadList(value, keyPath, (n, p) => ReadGrant(n, p, s => "/" + s)) },
                "secrets" => service with { Secrets = ReadList(value, keyPath, (n, p) => ReadGrant(n, p, s => "/run/secrets/" + s)) },
                "healthcheck" => service with { Healthcheck = _deploy.ReadHealthcheck(value, keyPath) },
                "labels" => service with { Labels = context.StringMap(value, keyPath) },
                "ports" => service with { Ports = ReadList(value, keyPath, ReadPort) },
                "deploy" => service with { Deploy = _deploy.ReadDeploy(value, keyPath) },
                _ when IgnoredByStackDeploy.Contains(key) => Ignored(service, value, keyPath, key),
                _ => service with { Container = _container.Read(service.Container, key, value, keyPath) },
            };
        });
        if (service.Image.Length == 0) context.Error(map, path + ".image", "is required");
        // A service without networks joins the stack's default network, as with docker stack deploy.
        if (map["networks"] is null) service = service with { Networks = [new ServiceNetwork("default", [])] };
        return service;
    }

    private ServiceDefinition Ignored(ServiceDefinition service, ComposeNode value, string path, string key)
    {
        context.Warn(value, path, $"key '{key}' is ignored by docker stack deploy, and so by recipeci" + (key == "restart" ? "; use deploy.restart_policy" : ""));
        return service;
    }

    private IReadOnlyDictionary<string, string> ReadEnvironment(ComposeNode node, string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in context.KeyValues(node, path))
        {
            // "- KEY" without a value passes the variable through from the app's env, as compose does from the shell.
            var resolved = value ?? environment[key];
            if (resolved is null) context.Warn(node, $"{path}.{key}", $"has no value and {key} is not in the app's env; it is left out");
            else result[key] = resolved;
        }
        return result;
    }

    private IReadOnlyList<T> ReadList<T>(ComposeNode node, string path, Func<ComposeNode, string, T?> readItem) where T : class
    {
        if (node is not SequenceNode list)
        {
            context.Error(node, path, "must be a list");
            return [];
        }
        return list.Items.Select((item, i) => readItem(item, $"{path}[{i}]")).OfType<T>().ToList();
    }

    private ServiceVolumeMount? ReadVolume(ComposeNode node, string path)
    {
        if (node is ScalarNode { Value: { } text })
        {
            var parts = text.Split(':');
            if (parts.Length == 1) return new ServiceVolumeMount("volume", null, parts[0], false);
            if (parts.Length > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                context.Error(node, path, $"'{text}' is not SOURCE:TARGET[:ro|rw]");
                return null;
            }
            var readOnly = parts.Length == 3 && parts[2].Split(',').Contains("ro");
            if (parts.Length == 3 && parts[2].Split(',').Any(o => o is not ("ro" or "rw")))
                context.Warn(node, path, $"mount options other than ro/rw in '{parts[2]}' are not supported and are ignored");
            var isBind = parts[0].StartsWith('/') || parts[0].StartsWith('.') || parts[0].StartsWith('~');
            return isBind
                ? new ServiceVolumeMount("bind", ResolveBindSource(parts[0]), parts[1], readOnly)
                : new ServiceVolumeMount("volume", parts[0], parts[1], readOnly);
        }
        if (context.Mapping(node, path) is not { } map) return null;
        var mount = new ServiceVolumeMount("volume", null, "", false);
        context.ForEachKey(map, path, VolumeKeys, (key, value, keyPath) =>
        {
            mount = key switch
            {
                "type" => mount with { Type = context.OneOf(value, keyPath, "volume", "bind", "tmpfs") ?? mount.Type },
                "source" => mount with { Source = context.String(value, keyPath) },
                "target" => mount with { Target = context.String(value, keyPath) ?? "" },
                _ => mount with { ReadOnly = context.Bool(value, keyPath) == true },
            };
        });
        if (mount.Target.Length == 0) context.Error(map, path + ".target", "is required");
        if (mount.Type == "bind")
        {
            if (mount.Source is null) context.Error(map, path + ".source", "is required for a bind mount");
            else mount = mount with { Source = ResolveBindSource(mount.Source) };
        }
        return mount;
    }

    private string ResolveBindSource(string source) =>
        source.StartsWith('~') ? source : Path.GetFullPath(Path.Combine(recipeDirectory, source));

    private IReadOnlyList<ServiceNetwork> ReadNetworks(ComposeNode node, string path)
    {
        if (node is SequenceNode)
            return context.StringList(node, path).Select(n => new ServiceNetwork(n, [])).ToList();
        if (context.Mapping(node, path) is not { } map) return [];
        var networks = new List<ServiceNetwork>();
        foreach (var (name, value) in map.Entries)
        {
            var network = new ServiceNetwork(name, []);
            if (value is not ScalarNode { Value: null } && context.Mapping(value, $"{path}.{name}") is { } options)
            {
                context.ForEachKey(options, $"{path}.{name}", NetworkKeys, (_, aliases, keyPath) =>
                    network = network with { Aliases = context.StringList(aliases, keyPath) });
            }
            networks.Add(network);
        }
        return networks;
    }

    private FileGrant? ReadGrant(ComposeNode node, string path, Func<string, string> defaultTarget)
    {
        if (node is ScalarNode { Value: { } source }) return new FileGrant(source, defaultTarget(source), null, null, null);
        if (context.Mapping(node, path) is not { } map) return null;
        var grant = new FileGrant("", "", null, null, null);
        context.ForEachKey(map, path, GrantKeys, (key, value, keyPath) =>
        {
            grant = key switch
            {
                "source" => grant with { Source = context.String(value, keyPath) ?? "" },
                "target" => grant with { Target = context.String(value, keyPath) ?? "" },
                "uid" => grant with { Uid = context.String(value, keyPath) },
                "gid" => grant with { Gid = context.String(value, keyPath) },
                _ => grant with { Mode = ReadMode(value, keyPath) },
            };
        });
        if (grant.Source.Length == 0)
        {
            context.Error(map, path + ".source", "is required");
            return null;
        }
        if (grant.Target.Length == 0) grant = grant with { Target = defaultTarget(grant.Source) };
        else if (!grant.Target.StartsWith('/')) grant = grant with { Target = defaultTarget(grant.Target) };
        return grant;
    }

    /// <summary>File modes are octal in compose (<c>0440</c>, <c>0o440</c>); YAML may hand us the decimal value instead (288).</summary>
    private uint? ReadMode(ComposeNode node, string path)
    {
        var text = context.String(node, path);
        if (text is null) return null;
        try
        {
            if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase)) return Convert.ToUInt32(text[2..], 8);
            if (text.StartsWith('0') && text.Length > 1) return Convert.ToUInt32(text, 8);
            return uint.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            context.Error(node, path, $"must be a file mode like 0440, not '{text}'");
            return null;
        }
    }

    private PortMapping? ReadPort(ComposeNode node, string path)
    {
        if (node is ScalarNode { Value: { } text })
        {
            var protocol = "tcp";
            var spec = text;
            if (text.IndexOf('/') is var slash and >= 0) { protocol = text[(slash + 1)..]; spec = text[..slash]; }
            var parts = spec.Split(':');
            if (parts.Length > 2 || protocol is not ("tcp" or "udp" or "sctp")
                || !uint.TryParse(parts[^1], out var target)
                || (parts.Length == 2 && !uint.TryParse(parts[0], out _)))
            {
                // Host IPs and port ranges have no Swarm equivalent, so they are errors rather than silently widened.
                context.Error(node, path, $"'{text}' is not [PUBLISHED:]TARGET[/PROTOCOL] (host IPs and ranges are not supported by Swarm)");
                return null;
            }
            return new PortMapping(target, parts.Length == 2 ? uint.Parse(parts[0], CultureInfo.InvariantCulture) : null, protocol, "ingress");
        }
        if (context.Mapping(node, path) is not { } map) return null;
        var port = new PortMapping(0, null, "tcp", "ingress");
        context.ForEachKey(map, path, PortKeys, (key, value, keyPath) =>
        {
            port = key switch
            {
                "target" => port with { Target = (uint)(context.Integer(value, keyPath, min: 1) ?? 0) },
                "published" => port with { Published = (uint?)context.Integer(value, keyPath, min: 1) },
                "protocol" => port with { Protocol = context.OneOf(value, keyPath, "tcp", "udp", "sctp") ?? "tcp" },
                _ => port with { Mode = context.OneOf(value, keyPath, "ingress", "host") ?? "ingress" },
            };
        });
        if (port.Target == 0) context.Error(map, path + ".target", "is required");
        return port;
    }
}
