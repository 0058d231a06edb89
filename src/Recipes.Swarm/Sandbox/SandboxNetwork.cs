namespace Recipes.Swarm.Sandbox;

/// <summary>
/// How a sandbox container reaches the app under test: the host's network (for apps that publish on the host's
/// loopback through Docker's <c>host</c> network), the app's own overlay networks (services by name, as the app's
/// containers see each other), or none.
/// </summary>
public sealed record SandboxNetwork(bool Host, IReadOnlyList<string> Networks)
{
    public static SandboxNetwork None { get; } = new(false, []);

    public static SandboxNetwork HostNetwork { get; } = new(true, []);

    public override string ToString() => Host ? "host" : Networks.Count == 0 ? "none" : string.Join(", ", Networks);
}
