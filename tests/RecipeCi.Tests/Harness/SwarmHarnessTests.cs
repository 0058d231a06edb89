using System.Text.RegularExpressions;
using Docker.DotNet;
using Docker.DotNet.Models;
using LibGit2Sharp;
using TestKit;
using YamlDotNet.RepresentationModel;

namespace RecipeCi.Tests.Harness;

/// <summary>
/// Proves the test harness on the real engine: the fixture image, a fixture recipe as a git repo, a one-service
/// Swarm stack with host networking and a named volume, its healthcheck, its HTTP answer, and the cleanup.
/// </summary>
[Trait("Category", "Services")]
public sealed class SwarmHarnessTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    [Fact]
    public async Task Fixture_recipe_deploys_as_a_healthy_stack_and_is_removed_with_its_volume()
    {
        using var temp = new TempFolder("harness");
        var repoPath = new FixtureRecipes().CreateRepository("hello", temp.Path);
        using (var repo = new Repository(repoPath))
        {
            Assert.Contains(repo.Tags, t => t.FriendlyName == "1.0.0+1.0" && t.IsAnnotated);
        }

        var stack = UniqueName.For("harness");
        var port = FreePort.Next();
        var volume = $"{stack}_data";
        var app = ReadAppService(File.ReadAllText(Path.Combine(repoPath, "compose.yml")), new() { ["STACK_NAME"] = stack, ["PORT"] = port.ToString() });

        await using (var resources = docker.Track())
        {
            resources.Stack(stack);
            resources.Volume(volume);
            await docker.Client.Volumes.CreateAsync(new VolumesCreateParameters
            {
                Name = volume,
                Labels = new Dictionary<string, string> { ["com.docker.stack.namespace"] = stack },
            });
            await docker.Client.Swarm.CreateServiceAsync(new ServiceCreateParameters
            {
                Service = new ServiceSpec
                {
                    Name = $"{stack}_app",
                    Labels = new Dictionary<string, string> { ["com.docker.stack.namespace"] = stack },
                    TaskTemplate = new TaskSpec
                    {
                        ContainerSpec = new ContainerSpec
                        {
                            Image = app.Image,
                            Args = app.Command,
                            Labels = new Dictionary<string, string> { ["com.docker.stack.namespace"] = stack },
                            Mounts = [new Mount { Type = "volume", Source = volume, Target = "/data" }],
                            Healthcheck = new HealthcheckConfig
                            {
                                Test = app.HealthTest,
                                Interval = TimeSpan.FromSeconds(1),
                                Timeout = TimeSpan.FromSeconds(2),
                                Retries = 10,
                            },
                        },
                        Networks = [new NetworkAttachmentConfig { Target = "host" }],
                        RestartPolicy = new SwarmRestartPolicy { Condition = "none" },
                    },
                    Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 1 } },
                },
            });

            var health = await WaitForHealthyContainerAsync(stack, TimeSpan.FromSeconds(60));
            Assert.Equal("healthy", health);

            using var http = new HttpClient();
            var body = await http.GetStringAsync($"http://127.0.0.1:{port}/");
            Assert.Equal($"hello world from {stack}", body.Trim());
        }

        var services = await docker.Client.Swarm.ListServicesAsync(new ServiceListParameters());
        Assert.DoesNotContain(services, s => s.Spec?.Name == $"{stack}_app");
        var volumes = await docker.Client.Volumes.ListAsync(CancellationToken.None);
        Assert.DoesNotContain(volumes.Volumes ?? [], v => v.Name == volume);
    }

    private Task<string> WaitForHealthyContainerAsync(string stack, TimeSpan timeout) =>
        Eventually.UntilAsync(() => ContainerHealthAsync(stack), health => health == "healthy", timeout,
            health => $"no healthy container of {stack}; last seen: {health}", TimeSpan.FromMilliseconds(500));

    /// <summary>The health (or, without a healthcheck, the state) of the stack's first container, or why there is none.</summary>
    private async Task<string> ContainerHealthAsync(string stack)
    {
        var containers = await docker.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"com.docker.stack.namespace={stack}"] = true },
            },
        });
        if (containers.Count == 0)
            return "no container yet";
        try
        {
            var inspect = await docker.Client.Containers.InspectContainerAsync(containers[0].ID);
            return inspect.State?.Health?.Status ?? inspect.State?.Status ?? "unknown";
        }
        catch (DockerContainerNotFoundException)
        {
            // Listed, then gone before the inspect (Swarm replaced or reaped the task): look again.
            return $"container {containers[0].ID[..12]} went away";
        }
    }

    private sealed record AppService(string Image, IList<string> Command, IList<string> HealthTest);

    /// <summary>Just enough of the compose file for the harness; the real loader lives in Recipes.Swarm.</summary>
    private static AppService ReadAppService(string compose, Dictionary<string, string> env)
    {
        // "$$" is compose's escape for a literal "$" (the shell's "$!" in the fixture's TERM trap).
        var text = Regex.Replace(compose, @"\$\$|\$\{(\w+)(:-([^}]*))?\}", m =>
            m.Value == "$$" ? "$" : env.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Groups[3].Value);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var app = (YamlMappingNode)((YamlMappingNode)root["services"])["app"];
        var command = ((YamlSequenceNode)app["command"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        var test = ((YamlSequenceNode)((YamlMappingNode)app["healthcheck"])["test"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        return new AppService(((YamlScalarNode)app["image"]).Value!, command, test);
    }
}
