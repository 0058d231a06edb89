using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// Turns a compose service into the Swarm <see cref="ServiceSpec"/> that <c>docker stack deploy</c> would create:
/// name <c>&lt;stack&gt;_&lt;service&gt;</c>, the stack namespace and image labels, entrypoint as Command and command as Args.
/// The spec carries the SHA-256 of itself (<see cref="StackLabels.SpecHash"/>) so a redeploy can tell if anything changed.
/// </summary>
public static class ServiceSpecBuilder
{
    private const string HostNetwork = "host";

    public static ServiceSpec Build(string stack, ServiceDefinition service, StackResources resources)
    {
        var stackLabel = new Dictionary<string, string> { [Labels.StackNamespace] = stack };
        var spec = new ServiceSpec
        {
            Name = $"{stack}_{service.Name}",
            Labels = Merge(service.Deploy.Labels, stackLabel, new Dictionary<string, string> { [Labels.StackImage] = service.Image }),
            TaskTemplate = new TaskSpec
            {
                ContainerSpec = new ContainerSpec
                {
                    Image = service.Image,
                    Command = service.Entrypoint?.ToList(),
                    Args = service.Command?.ToList(),
                    Env = service.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}").ToList(),
                    Labels = Merge(service.Labels, stackLabel),
                    Mounts = service.Volumes.Select(m => Mount(m, resources)).ToList(),
                    Healthcheck = Healthcheck(service.Healthcheck),
                    Configs = service.Configs.Select(g => new SwarmConfigReference
                    {
                        ConfigID = resources.Configs[g.Source].Id,
                        ConfigName = resources.Configs[g.Source].Name,
                        File = new ConfigReferenceFileTarget { Name = g.Target, UID = g.Uid ?? "0", GID = g.Gid ?? "0", Mode = g.Mode ?? 0b100_100_100 },
                    }).ToList(),
                    Secrets = service.Secrets.Select(g => new SecretReference
                    {
                        SecretID = resources.Secrets[g.Source].Id,
                        SecretName = resources.Secrets[g.Source].Name,
                        // Swarm places a relative name under /run/secrets, as docker stack deploy passes it.
                        File = new SecretReferenceFileTarget { Name = g.Target.StartsWith("/run/secrets/", StringComparison.Ordinal) ? g.Target["/run/secrets/".Length..] : g.Target, UID = g.Uid ?? "0", GID = g.Gid ?? "0", Mode = g.Mode ?? 0b100_100_100 },
                    }).ToList(),
                },
                Networks = service.Networks.Select(n => Network(n, service.Name, resources)).ToList(),
                RestartPolicy = RestartPolicy(service.Deploy.RestartPolicy),
                Resources = Resources(service.Deploy.Resources),
                Placement = ContainerOptionsSpec.Placement(service.Deploy.Placement),
            },
            Mode = service.Deploy.Mode == "global"
                ? new ServiceMode { Global = new GlobalService() }
                : new ServiceMode { Replicated = new ReplicatedService { Replicas = service.Deploy.Replicas } },
            UpdateConfig = UpdateConfig(service.Deploy.UpdateConfig),
            RollbackConfig = UpdateConfig(service.Deploy.RollbackConfig),
            EndpointSpec = service.Ports.Count == 0 && service.Deploy.EndpointMode is null ? null : new EndpointSpec
            {
                Mode = service.Deploy.EndpointMode ?? "vip",
                Ports = service.Ports.Select(p => new PortConfig { Protocol = p.Protocol, TargetPort = p.Target, PublishedPort = p.Published, PublishMode = p.Mode }).ToList(),
            },
        };
        ContainerOptionsSpec.Apply(spec.TaskTemplate, service.Container);
        var hash = Hash(spec);
        spec.Labels[StackLabels.SpecHash] = hash;
        spec.TaskTemplate.ContainerSpec.Labels[StackLabels.SpecHash] = hash;
        return spec;
    }

    /// <summary>The spec hash a service (or a task's container spec) carries, or null when recipeci did not create it.</summary>
    public static string? HashOf(IDictionary<string, string>? labels) =>
        labels is not null && labels.TryGetValue(StackLabels.SpecHash, out var hash) ? hash : null;

    private static string Hash(ServiceSpec spec) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(spec))));

    private static Mount Mount(ServiceVolumeMount mount, StackResources resources) => mount.Type switch
    {
        "volume" => new Mount
        {
            Type = "volume",
            Source = mount.Source is null ? null : resources.Volumes[mount.Source],
            Target = mount.Target,
            ReadOnly = mount.ReadOnly,
            // Labels again here, in case the engine creates the volume itself (e.g. on another node).
            VolumeOptions = new VolumeOptions { Labels = new Dictionary<string, string>(resources.VolumeLabels) },
        },
        _ => new Mount { Type = mount.Type, Source = mount.Source, Target = mount.Target, ReadOnly = mount.ReadOnly },
    };

    private static NetworkAttachmentConfig Network(ServiceNetwork network, string serviceName, StackResources resources)
    {
        var name = resources.Networks[network.Name];
        // The host network has no service discovery, so aliases are not allowed there.
        return name == HostNetwork
            ? new NetworkAttachmentConfig { Target = name }
            : new NetworkAttachmentConfig { Target = name, Aliases = [.. network.Aliases, serviceName] };
    }

    private static HealthcheckConfig? Healthcheck(HealthcheckDefinition? health) => health switch
    {
        null => null,
        { Disabled: true } => new HealthcheckConfig { Test = ["NONE"] },
        _ => new HealthcheckConfig
        {
            Test = health.Test?.ToList(),
            Interval = health.Interval,
            Timeout = health.Timeout,
            StartPeriod = health.StartPeriod,
            Retries = health.Retries,
        },
    };

    private static SwarmRestartPolicy? RestartPolicy(RestartPolicyDefinition? policy) => policy is null ? null : new SwarmRestartPolicy
    {
        Condition = policy.Condition,
        Delay = policy.Delay,
        MaxAttempts = policy.MaxAttempts,
        Window = policy.Window,
    };

    private static ResourceRequirements? Resources(ResourcesDefinition? resources) => resources is null ? null : new ResourceRequirements
    {
        Limits = resources.Limits is { } l ? new SwarmLimit { NanoCPUs = NanoCpus(l.Cpus), MemoryBytes = l.MemoryBytes, Pids = l.Pids } : null,
        Reservations = resources.Reservations is { } r ? new SwarmResources { NanoCPUs = NanoCpus(r.Cpus), MemoryBytes = r.MemoryBytes } : null,
    };

    private static long? NanoCpus(double? cpus) => cpus is { } c ? (long)(c * 1e9) : null;

    // Compose's defaults (parallelism 1, failure action pause, order stop-first) are written out, as docker stack deploy does.
    private static SwarmUpdateConfig? UpdateConfig(UpdateConfigDefinition? config) => config is null ? null : new SwarmUpdateConfig
    {
        Parallelism = config.Parallelism ?? 1,
        Delay = config.Delay,
        FailureAction = config.FailureAction ?? "pause",
        Monitor = config.Monitor,
        MaxFailureRatio = config.MaxFailureRatio ?? 0,
        Order = config.Order ?? "stop-first",
    };

    private static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>[] maps)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            foreach (var (key, value) in map) result[key] = value;
        }
        return result;
    }
}
