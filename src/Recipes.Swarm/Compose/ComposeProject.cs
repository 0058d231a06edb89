namespace Recipes.Swarm.Compose;

/// <summary>
/// A recipe's compose files, loaded, interpolated and merged: what will become one Swarm stack.
/// <see cref="Warnings"/> lists what was read but not used (unsupported keys, unset variables), by file and key path.
/// </summary>
public sealed record ComposeProject(
    string RecipeDirectory,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, ServiceDefinition> Services,
    IReadOnlyDictionary<string, VolumeDefinition> Volumes,
    IReadOnlyDictionary<string, NetworkDefinition> Networks,
    IReadOnlyDictionary<string, FileObjectDefinition> Configs,
    IReadOnlyDictionary<string, FileObjectDefinition> Secrets,
    IReadOnlyList<ComposeDiagnostic> Warnings);
