using System.Diagnostics;
using Docker.DotNet;

namespace TestKit;

/// <summary>
/// The test sandbox image (<c>Ci:Tests:Image</c>'s default) that recipe tests run in, built by
/// <c>docker/test-image/build</c> from the host's Debian packages when missing (tests/run builds it first).
/// </summary>
public static class SandboxImage
{
    public const string Reference = "recipeci-tests:latest";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> EnsureBuiltAsync(IDockerClient docker, CancellationToken cancellationToken = default)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                await docker.Images.InspectImageAsync(Reference, cancellationToken);
                return Reference;
            }
            catch (DockerImageNotFoundException)
            {
            }
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(TestEnvironment.RepositoryRoot, "docker", "test-image", "build"));
            start.ArgumentList.Add(Reference);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"docker/test-image/build failed ({process.ExitCode}): {await output}{await error}");
            return Reference;
        }
        finally
        {
            Gate.Release();
        }
    }
}
