using Docker.DotNet;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Configuration;
using Recipes.Ci.Testing;
using Recipes.Swarm.Sandbox;
using TestKit;

namespace Recipes.Ci.Tests.Testing;

/// <summary>Test runners over the real Docker engine, with the sandbox settings a test needs.</summary>
internal static class Sandboxes
{
    public static TestSandboxOptions ContainerOptions { get; } = TestSandboxOptions.Default with { Image = SandboxImage.Reference };

    public static TestSandbox Sandbox(IDockerClient docker, TestSandboxOptions options) =>
        new(new ContainerSandbox(docker, NullLogger<ContainerSandbox>.Instance), new StackNetworks(docker), new UserSandbox(new ShellCommand()), options);

    public static RecipeTestRunner Runner(IDockerClient docker, TestSandboxOptions options) =>
        new(Sandbox(docker, options), TimeProvider.System, NullLogger<RecipeTestRunner>.Instance);
}
