namespace Recipes.Swarm.Stacks;

/// <summary>
/// Configuration section <c>Swarm</c>. <see cref="ExternalNetworks"/> are the server-wide networks recipes may name as
/// <c>external: true</c> (Co-op Cloud's <c>proxy</c>, which <c>abra server add</c> creates): recipeci creates each as an
/// attachable overlay network when missing, and never removes them.
/// </summary>
public sealed record SwarmOptions(IReadOnlyList<string> ExternalNetworks)
{
    /// <summary>The configuration key of <see cref="ExternalNetworks"/>, as errors name it.</summary>
    public const string ExternalNetworksKey = "Swarm:ExternalNetworks";

    public static SwarmOptions Default { get; } = new(["proxy"]);
}
