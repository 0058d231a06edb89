using Xunit;
using Docker.DotNet;

namespace TestKit;

/// <summary>
/// xunit class/collection fixture: a Docker client for the engine tests/run started, with the fixture image built.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    public IDockerClient Client { get; } = new DockerClientBuilder().WithEndpoint(TestEnvironment.DockerEndpoint).Build();

    public string Image { get; private set; } = FixtureImage.Reference;

    public async Task InitializeAsync()
    {
        try
        {
            await Client.System.PingAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"The Docker engine at {TestEnvironment.DockerEndpoint} is not answering; run tests/run, which starts it.", ex);
        }
        Image = await new FixtureImage(Client).EnsureBuiltAsync();
        await SandboxImage.EnsureBuiltAsync(Client);
    }

    /// <summary>A fresh tracker whose resources are removed when it is disposed.</summary>
    public DockerResources Track() => new(Client);

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
