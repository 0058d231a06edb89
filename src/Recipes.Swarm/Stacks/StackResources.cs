namespace Recipes.Swarm.Stacks;

/// <summary>
/// The Docker objects a stack's services refer to, resolved from compose keys: volume names, network names, and
/// config/secret IDs and names. Filled by <see cref="StackResourceProvisioner"/>, read by <see cref="ServiceSpecBuilder"/>.
/// </summary>
public sealed record StackResources(
    IReadOnlyDictionary<string, string> Volumes,
    IReadOnlyDictionary<string, string> Networks,
    IReadOnlyDictionary<string, DockerObjectRef> Configs,
    IReadOnlyDictionary<string, DockerObjectRef> Secrets,
    IReadOnlyDictionary<string, string> VolumeLabels);

/// <summary>A Swarm config or secret as a service references it.</summary>
public sealed record DockerObjectRef(string Id, string Name);
