using System.Formats.Tar;
using System.Text.Json.Nodes;
using Docker.DotNet;
using Docker.DotNet.Models;
using TestKit;

namespace RecipeCi.Tests.Cli;

/// <summary>
/// <c>recipeci prune</c> touches only what recipeci labelled: on a Docker host holding a stopped container and a
/// dangling image that recipeci did not make, a prune lists neither (a host-wide dry run, so nothing of the other tests
/// sharing this host is removed) and removes neither (a real prune scoped to this test's names, which does remove a
/// stopped container recipeci labelled). <c>--host-wide</c> widens it to them, as documented.
/// </summary>
[Trait("Category", "Services")]
public sealed class PruneScopeTests(DockerFixture docker) : IClassFixture<DockerFixture>, IDisposable
{
    private readonly TempFolder _folder = new("prune-scope");

    [Fact]
    public async Task A_prune_leaves_containers_and_images_recipeci_did_not_make()
    {
        var scope = UniqueName.For("prune");
        var foreignImage = await BuildDanglingImageAsync($"LABEL rct.owner={scope}");
        var ownImage = await BuildDanglingImageAsync($"LABEL recipeci.app={scope}-img");
        var foreign = await CreateStoppedContainerAsync($"{scope}-foreign", new Dictionary<string, string> { ["rct.owner"] = scope });
        var own = await CreateStoppedContainerAsync($"{scope}-own", new Dictionary<string, string> { ["recipeci.app"] = scope + "-own" });
        try
        {
            var (exit, output) = await RecipeCiAsync("prune", "--dry-run", "--json");
            Assert.True(exit == 0, output);
            var dryRun = Json(output)["prune"]!;
            Assert.DoesNotContain(foreignImage, Names(dryRun, "images"));
            Assert.Contains(ownImage, Names(dryRun, "images"));
            Assert.DoesNotContain($"{scope}-foreign", Names(dryRun, "containers"));
            Assert.Contains($"{scope}-own", Names(dryRun, "containers"));

            var (wideExit, wideOutput) = await RecipeCiAsync("prune", "--dry-run", "--host-wide", "--json");
            Assert.True(wideExit == 0, wideOutput);
            Assert.Contains(foreignImage, Names(Json(wideOutput)["prune"]!, "images"));
            Assert.Contains($"{scope}-foreign", Names(Json(wideOutput)["prune"]!, "containers"));

            var (realExit, realOutput) = await RecipeCiAsync("prune", "--scope", scope, "--json");
            Assert.True(realExit == 0, realOutput);
            Assert.Equal([$"{scope}-own"], Names(Json(realOutput)["prune"]!, "containers"));
            Assert.NotNull(await InspectContainerAsync(foreign));
            Assert.Null(await InspectContainerAsync(own));
            Assert.NotNull(await docker.Client.Images.InspectImageAsync(foreignImage));
            Assert.NotNull(await docker.Client.Images.InspectImageAsync(ownImage));
        }
        finally
        {
            foreach (var container in new[] { foreign, own })
                await Quietly(() => docker.Client.Containers.RemoveContainerAsync(container, new ContainerRemoveParameters { Force = true }));
            foreach (var image in new[] { foreignImage, ownImage })
                await Quietly(() => docker.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }));
        }
    }

    private static IReadOnlyList<string> Names(JsonNode prune, string kind) =>
        prune[kind]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    /// <summary>An untagged image on top of the fixture image: dangling, and labelled only as <paramref name="label"/> says.</summary>
    private async Task<string> BuildDanglingImageAsync(string label)
    {
        var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile")
            {
                DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"FROM {docker.Image}\n{label}\n")),
                Mode = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await tar.WriteEntryAsync(entry);
        }
        context.Position = 0;
        var errors = new List<string>();
        await docker.Client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Remove = true, ForceRemove = true }, context, [],
            new Dictionary<string, string>(), new Progress<JSONMessage>(m =>
            {
                lock (errors)
                {
                    if (m.Error?.Message is { } error)
                        errors.Add(error);
                }
            }));
        var image = await docker.Client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["dangling"] = new Dictionary<string, bool> { ["true"] = true },
                ["label"] = new Dictionary<string, bool> { [label["LABEL ".Length..]] = true },
            },
        });
        Assert.True(image.Count == 1, $"building a dangling image failed: {string.Join("; ", errors)}");
        return image[0].ID;
    }

    private async Task<string> CreateStoppedContainerAsync(string name, Dictionary<string, string> labels)
    {
        var created = await docker.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Name = name,
            Image = docker.Image,
            Cmd = ["true"],
            Labels = labels,
        });
        return created.ID;
    }

    private async Task<ContainerInspectResponse?> InspectContainerAsync(string id)
    {
        try
        {
            return await docker.Client.Containers.InspectContainerAsync(id);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private static async Task Quietly(Func<Task> remove)
    {
        try
        {
            await remove();
        }
        catch (DockerApiException)
        {
            // Already gone (the prune removed it).
        }
    }

    private async Task<(int Exit, string Output)> RecipeCiAsync(params string[] args) =>
        await RecipeCiProcess.RunAsync(args, TimeSpan.FromMinutes(2), new Dictionary<string, string>
        {
            ["RECIPECI_DataDir"] = Path.Combine(_folder.Path, "data"),
            ["RECIPECI_Recipes__Root"] = Path.Combine(_folder.Path, "recipes"),
            ["RECIPECI_Recipes__TestsRoot"] = Path.Combine(_folder.Path, "recipe-tests"),
            ["RECIPECI_Snapshots__Root"] = Path.Combine(_folder.Path, "snapshots"),
            ["RECIPECI_Alerts__Root"] = Path.Combine(_folder.Path, "alerts"),
            ["RECIPECI_Docker__Endpoint"] = TestEnvironment.DockerEndpoint.ToString(),
        });

    /// <summary>The JSON document in the output: logs go to stderr, which the process output interleaves.</summary>
    private static JsonNode Json(string output)
    {
        var lines = output.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith('{'));
        Assert.True(first >= 0, output);
        var last = Array.FindLastIndex(lines, l => l.TrimEnd() == "}");
        return JsonNode.Parse(string.Join('\n', lines[first..(last + 1)])) ?? throw new InvalidOperationException(output);
    }

    public void Dispose() => _folder.Dispose();
}
