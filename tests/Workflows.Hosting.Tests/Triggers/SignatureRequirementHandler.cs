using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Workflows.Hosting.Triggers.Http;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>Checks <c>X-Signature-256: sha256=&lt;hex&gt;</c> over the raw body the endpoint hands over as resource.</summary>
public sealed class SignatureRequirementHandler : AuthorizationHandler<SignatureRequirement, HttpEndpointRequest>
{
    public const string Secret = "test-webhook-secret";
    public const string Header = "X-Signature-256";

    public static string Sign(byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignatureRequirement requirement, HttpEndpointRequest resource)
    {
        var given = resource.HttpContext.Request.Headers[Header].ToString();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(requirement.Secret), resource.Body.Span));
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), Encoding.ASCII.GetBytes(expected)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
