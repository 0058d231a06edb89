namespace Recipes.Swarm.Compose;

/// <summary>One entry under <c>services:</c>. <see cref="Command"/> and <see cref="Entrypoint"/> are null when the image's own apply.</summary>
public sealed record ServiceDefinition(
    string Name,
    string Image,
    IReadOnlyList<string>? Command,
    IReadOnlyList<string>? Entrypoint,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ServiceVolumeMount> Volumes,
    IReadOnlyList<ServiceNetwork> Networks,
    IReadOnlyList<FileGrant> Configs,
    IReadOnlyList<FileGrant> Secrets,
    HealthcheckDefinition? Healthcheck,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<PortMapping> Ports,
    DeployDefinition Deploy)
{
    /// <summary>The container-level keys beyond the basics (read_only, user, tmpfs, logging, ...).</summary>
    public ContainerOptions Container { get; init; } = ContainerOptions.None;
}

/// <summary>A mount of a service: a named volume, a bind mount or a tmpfs.</summary>
public sealed record ServiceVolumeMount(string Type, string? Source, string Target, bool ReadOnly);

/// <summary>A network a service joins, by its key under the top-level <c>networks:</c>.</summary>
public sealed record ServiceNetwork(string Name, IReadOnlyList<string> Aliases);

/// <summary>A config or secret given to a service: <see cref="Source"/> is the key under top-level <c>configs:</c>/<c>secrets:</c>.</summary>
public sealed record FileGrant(string Source, string Target, string? Uid, string? Gid, uint? Mode);

/// <summary>A published port. Swarm has no host-IP binding, so there is none here.</summary>
public sealed record PortMapping(uint Target, uint? Published, string Protocol, string Mode);
