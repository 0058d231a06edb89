namespace Recipes.Swarm.Compose;

/// <summary>
/// A top-level volume. <see cref="Name"/> is the explicit <c>name:</c>; without it the volume is
/// <c>&lt;stack&gt;_&lt;key&gt;</c>. External volumes must already exist.
/// </summary>
public sealed record VolumeDefinition(
    string Key,
    string? Name,
    bool External,
    string? Driver,
    IReadOnlyDictionary<string, string> DriverOptions,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>A top-level network; external ones (e.g. <c>host</c> or Co-op Cloud's <c>proxy</c>) are looked up by name.</summary>
public sealed record NetworkDefinition(
    string Key,
    string? Name,
    bool External,
    string? Driver,
    bool Attachable,
    bool Internal,
    IReadOnlyDictionary<string, string> DriverOptions,
    IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// A top-level config or secret: either <see cref="File"/> (relative to the recipe) or external. Recipes version
/// them through <c>name:</c>, e.g. <c>${STACK_NAME}_nginx_conf_${NGINX_CONF_VERSION}</c>, because Swarm objects are immutable.
/// </summary>
public sealed record FileObjectDefinition(
    string Key,
    string? Name,
    bool External,
    string? File,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>
    /// <c>template_driver</c>: <c>golang</c> makes Swarm render the file per task (<c>{{ env "X" }}</c> from the
    /// service's environment, <c>{{ secret "k" }}</c>), as <c>docker stack deploy</c> does. Null: the file as is.
    /// </summary>
    public string? TemplateDriver { get; init; }
}
