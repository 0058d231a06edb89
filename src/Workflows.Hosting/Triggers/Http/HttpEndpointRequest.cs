
namespace Workflows.Hosting.Triggers.Http;

/// <summary>
/// The resource an endpoint's authorization policy is evaluated against: which workflow the request would start,
/// and the request with its raw body (e.g. for an HMAC signature check).
/// </summary>
public sealed record HttpEndpointRequest(
    string DefinitionId,
    string DefinitionVersionId,
    string ActivityId,
    string Path,
    HttpContext HttpContext,
    ReadOnlyMemory<byte> Body);
