
namespace Workflows.Hosting.Api.Descriptors;

/// <summary><c>GET /package/version</c>: the Elsa API version this server speaks (that of the Studio bundle).</summary>
public static class PackageEndpoints
{
    public sealed record PackageVersionResponse(string PackageVersion);

    public static IEndpointRouteBuilder MapPackageVersion(this IEndpointRouteBuilder api)
    {
        api.MapGet("/package/version", () => ElsaJson.Ok(new PackageVersionResponse(Studio.StudioBundle.PackageVersion)));
        return api;
    }
}
