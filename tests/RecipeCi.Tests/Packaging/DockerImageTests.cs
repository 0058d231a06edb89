using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using TestKit;

namespace RecipeCi.Tests.Packaging;

/// <summary>
/// docker/Dockerfile builds (SDK stage publishes, runtime stage runs as a non-root user) on the local stand-in
/// base images, and the container serves <c>/health</c> with the database check ok. The container uses host
/// networking bound to 127.0.0.1 on a free port, SQLite in a volume, and the Docker socket with the socket's
/// group added, as compose does.
/// </summary>
[Trait("Category", "Services")]
public sealed class DockerImageTests(DockerFixture fixture) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Image_builds_on_local_bases_and_answers_health()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        var docker = fixture.Client;
        var bases = new LocalDotnetImages(docker);
        var runtime = await bases.EnsureRuntimeAsync(ct);
        var sdk = await bases.EnsureSdkAsync(ct);

        var tag = "recipeci-test/server:" + UniqueName.For("image");
        try
        {
            await LocalDotnetImages.BuildAsync(docker, tag, "", RepositoryContext(), ct,
                new Dictionary<string, string>
                {
                    ["SDK_IMAGE"] = sdk,
                    ["RUNTIME_IMAGE"] = runtime,
                    ["BUSYBOX_IMAGE"] = fixture.Image, // static busybox at /bin/busybox, like busybox:musl
                }, dockerfilePath: "docker/Dockerfile");

            var image = await docker.Images.InspectImageAsync(tag, ct);
            Assert.Equal("1654", image.Config?.User);
            Assert.Contains("5080/tcp", image.Config!.ExposedPorts!.Keys);
            Assert.NotNull(image.Config.Healthcheck);

            await using var resources = fixture.Track();
            var volume = resources.Volume(UniqueName.For("image-data"));
            var port = FreePort.Next();
            // The socket is root:docker 0660 on the host; the non-root server gets its group, like group_add in compose.
            var socketGroup = (await RunAsync("stat", "-c", "%g", "/var/run/docker.sock")).Trim();
            var container = await docker.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = UniqueName.For("image"),
                Image = tag,
                Cmd = ["serve", "--urls", $"http://127.0.0.1:{port}"],
                HostConfig = new HostConfig
                {
                    NetworkMode = "host",
                    Binds = [$"{volume}:/var/lib/recipeci", "/var/run/docker.sock:/var/run/docker.sock"],
                    GroupAdd = [socketGroup],
                },
            }, ct);
            resources.Container(container.ID);
            await docker.Containers.StartContainerAsync(container.ID, new ContainerStartParameters(), ct);

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var url = $"http://127.0.0.1:{port}/health";
            using var response = await HttpWait.UntilAnswersAsync(http, url, TimeSpan.FromMinutes(2), () => Logs(docker, container.ID));
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/health answered {(int)response.StatusCode}: {body}\n{Logs(docker, container.ID)}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal("ok", json.RootElement.GetProperty("checks").GetProperty("database").GetString());
        }
        finally
        {
            // NoPrune keeps the intermediate layers as build cache for the next run (docker image prune drops them).
            try { await docker.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true, NoPrune = true }, CancellationToken.None); }
            catch (DockerImageNotFoundException) { }
        }
    }

    // The files docker/Dockerfile reads, as the CLI would send them after .dockerignore.
    private static Dictionary<string, string> RepositoryContext()
    {
        var root = TestEnvironment.RepositoryRoot;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", ".dockerignore", "docker/Dockerfile" })
            files[name] = Path.Combine(root, name);
        foreach (var folder in new[] { "src", "workflows" })
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
                if (relative.Split('/') is var parts && parts.Any(p => p is "bin" or "obj" or "node_modules")) continue;
                files[relative] = path;
            }
        return files;
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed");
    }

    private static string Logs(IDockerClient docker, string id)
    {
        try
        {
            using var stream = docker.Containers.GetContainerLogsAsync(id, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "60" }).GetAwaiter().GetResult();
            var (stdout, stderr) = stream.ReadOutputToEndAsync(CancellationToken.None).GetAwaiter().GetResult();
            return "container log:\n" + stdout + stderr;
        }
        catch (Exception ex) { return "container log unavailable: " + ex.Message; }
    }
}
