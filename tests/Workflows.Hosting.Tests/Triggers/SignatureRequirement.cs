using Microsoft.AspNetCore.Authorization;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>Test policy requirement: the body must carry a valid HMAC-SHA256 signature (as a webhook policy would check).</summary>
public sealed record SignatureRequirement(string Secret) : IAuthorizationRequirement;
