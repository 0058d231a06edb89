namespace Recipes.Swarm.Stacks;

/// <summary>Labels only the stack deployer uses (the shared ones are in <see cref="Docker.Labels"/>).</summary>
public static class StackLabels
{
    /// <summary>
    /// SHA-256 of the service spec recipeci asked for, on the service and its containers. Docker fills in defaults, so
    /// comparing specs field by field is fragile; comparing this hash makes a repeated deploy a true no-op, and tells
    /// which tasks run the current spec.
    /// </summary>
    public const string SpecHash = "recipeci.spec-sha256";

    /// <summary>SHA-256 of a config's or secret's content: secrets cannot be read back, so changes are detected by this.</summary>
    public const string ContentHash = "recipeci.content-sha256";

    /// <summary>abra's version label on the main service: <c>coop-cloud.&lt;stack&gt;.version</c>.</summary>
    public static string CoopCloudVersion(string stack) => $"coop-cloud.{stack}.version";
}
