using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Recipes.Swarm.Stacks;

/// <summary>
/// The last lines a container printed, read through Docker's logs API as <c>docker logs --tail</c> shows them: standard
/// output and error in the order of the engine's log. The engine copies the two streams separately, so a line on one
/// may be logged before lines written earlier on the other. Empty when the container is gone or its log driver cannot
/// be read back.
/// </summary>
public sealed class ContainerOutput(IDockerClient docker)
{
    /// <summary>How many lines a failure keeps: enough for a stack trace, short enough for a JUnit report.</summary>
    public const int TailLines = 50;

    private const int MaxBytes = 256 * 1024;

    public async Task<IReadOnlyList<string>> TailAsync(string? containerId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(containerId)) return [];
        try
        {
            using var stream = await docker.Containers.GetContainerLogsAsync(containerId, new ContainerLogsParameters
            {
                ShowStdout = true,
                ShowStderr = true,
                Tail = TailLines.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }, ct);
            var text = await ReadInterleavedAsync(stream, ct);
            var lines = text.Replace("\r\n", "\n").Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return lines.TakeLast(TailLines).ToList();
        }
        catch (DockerContainerNotFoundException)
        {
            return [];
        }
        catch (DockerApiException)
        {
            // Gone meanwhile, or a log driver (e.g. syslog without dual logging) the engine cannot read back.
            return [];
        }
    }

    private static async Task<string> ReadInterleavedAsync(MultiplexedStream stream, CancellationToken ct)
    {
        var output = new MemoryStream();
        var buffer = new byte[8192];
        while (output.Length < MaxBytes)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, ct);
            if (read.EOF) break;
            output.Write(buffer, 0, read.Count);
        }
        return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
    }
}
