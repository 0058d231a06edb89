namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// The outcome of an endpoint's authorization: allowed, denied (optionally with the policy's own answer), or a
/// policy name nobody registered.
/// </summary>
public sealed record HttpEndpointAuthorization(bool Succeeded, string? MissingPolicy)
{
    /// <summary>The refusing handler's answer, when it gave one.</summary>
    public HttpEndpointRefusal? Refusal { get; init; }

    public static HttpEndpointAuthorization Allowed { get; } = new(true, null);
    public static HttpEndpointAuthorization Denied { get; } = new(false, null);
    public static HttpEndpointAuthorization UnknownPolicy(string name) => new(false, name);
    public static HttpEndpointAuthorization Refused(HttpEndpointRefusal refusal) => new(false, null) { Refusal = refusal };
}
