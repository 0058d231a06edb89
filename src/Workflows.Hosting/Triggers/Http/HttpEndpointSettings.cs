namespace Workflows.Hosting.Triggers.Http;

/// <summary>The HttpEndpoint inputs the server enforces before a workflow starts (Elsa: Authorize, Policy, RequestSizeLimit).</summary>
public sealed record HttpEndpointSettings(bool Authorize, string? Policy, long? RequestSizeLimit)
{
    public bool NeedsAuthorization => Authorize || !string.IsNullOrWhiteSpace(Policy);
}
