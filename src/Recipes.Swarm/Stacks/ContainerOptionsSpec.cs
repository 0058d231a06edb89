using Docker.DotNet.Models;
using Recipes.Swarm.Compose;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Writes a service's container-level keys, placement, logging and endpoint mode into its Swarm spec as
/// <c>docker stack deploy</c> does. Only keys the recipe set are written, so the spec (and its hash) of a recipe that
/// sets none is what it was before these keys were honoured.
/// </summary>
public static class ContainerOptionsSpec
{
    public static void Apply(TaskSpec task, ContainerOptions options)
    {
        var container = task.ContainerSpec ?? throw new ArgumentException("the task spec has no container spec", nameof(task));
        if (options.ReadOnly is { } readOnly) container.ReadOnly = readOnly;
        if (options.Init is { } init) container.Init = init;
        if (options.User is { } user) container.User = user;
        if (options.WorkingDir is { } dir) container.Dir = dir;
        if (options.Hostname is { } hostname) container.Hostname = hostname;
        if (options.StopSignal is { } signal) container.StopSignal = signal;
        if (options.StopGracePeriod is { } grace) container.StopGracePeriod = grace;
        if (options.CapAdd.Count > 0) container.CapabilityAdd = [.. options.CapAdd];
        if (options.CapDrop.Count > 0) container.CapabilityDrop = [.. options.CapDrop];
        if (options.Sysctls.Count > 0) container.Sysctls = new Dictionary<string, string>(options.Sysctls);
        if (options.Ulimits.Count > 0) container.Ulimits = [.. options.Ulimits.Select(u => new Ulimit { Name = u.Name, Soft = u.Soft, Hard = u.Hard })];
        // The engine's /etc/hosts line format: address first, as docker stack deploy converts host:ip.
        if (options.ExtraHosts.Count > 0) container.Hosts = [.. options.ExtraHosts.Select(h => $"{h.Address} {h.Host}")];
        container.Mounts ??= [];
        foreach (var tmpfs in options.Tmpfs)
        {
            container.Mounts.Add(new Mount
            {
                Type = "tmpfs",
                Target = tmpfs.Target,
                TmpfsOptions = tmpfs.SizeBytes is null && tmpfs.Mode is null ? null : new TmpfsOptions { SizeBytes = tmpfs.SizeBytes, Mode = tmpfs.Mode },
            });
        }
        if (options.Logging is { } logging)
            task.LogDriver = new SwarmDriver { Name = logging.Driver ?? "json-file", Options = new Dictionary<string, string>(logging.Options) };
    }

    public static Placement? Placement(PlacementDefinition? placement) => placement is null ? null : new Placement
    {
        Constraints = placement.Constraints.Count > 0 ? [.. placement.Constraints] : null,
        Preferences = placement.Spread.Count > 0
            ? [.. placement.Spread.Select(s => new PlacementPreference { Spread = new SpreadOver { SpreadDescriptor = s } })]
            : null,
        MaxReplicas = placement.MaxReplicasPerNode,
    };
}
