namespace Workflows.Hosting.Triggers.Http;

/// <summary>The outcome of an endpoint's authorization: allowed, denied, or a policy name nobody registered.</summary>
public sealed record HttpEndpointAuthorization(bool Succeeded, string? MissingPolicy)
{
    public static HttpEndpointAuthorization Allowed { get; } = new(true, null);
    public static HttpEndpointAuthorization Denied { get; } = new(false, null);
    public static HttpEndpointAuthorization UnknownPolicy(string name) => new(false, name);
}
