using Docker.DotNet.Models;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;
using TestKit;

namespace Recipes.Swarm.Tests.Stacks;

/// <summary>
/// What a published Co-op Cloud recipe expects of its server: the shared external network, external secrets created
/// from supplied values, golang-templated configs; and that removing the stack leaves none of its objects behind.
/// Each test uses a network name of its own in place of <c>proxy</c>, so it never touches the server's.
/// </summary>
[Trait("Category", "Services")]
public sealed class ExternalObjectsTests(DockerFixture docker) : IClassFixture<DockerFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Creates_the_external_network_and_secret_renders_the_template_and_removes_the_stack_but_not_the_network()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("coop")));
        var proxy = UniqueName.For("proxy");
        var stacks = new StackTestContext(docker.Client, new SwarmOptions([proxy]));
        try
        {
            var request = await RequestAsync(app, proxy) with { SecretValues = new Dictionary<string, string> { ["db_password"] = Password } };
            var first = await stacks.Deployer.DeployAsync(request);
            Assert.True(first.Succeeded, first.ToString());

            // The shared network: an attachable swarm overlay, labelled as recipeci's and as no stack's.
            var network = await docker.Client.Networks.InspectNetworkAsync(proxy);
            Assert.Equal("overlay", network.Driver);
            Assert.Equal("swarm", network.Scope);
            Assert.True(network.Attachable);
            Assert.Equal("true", network.Labels[Labels.Managed]);
            Assert.False(network.Labels.ContainsKey(Labels.StackNamespace));

            // The external secret, created under its declared name with the supplied value, labelled with the stack.
            var secret = Assert.Single(await docker.Client.Secrets.ListAsync(), s => s.Spec.Name == $"{app}_db_password_v1");
            Assert.Equal(app.Value, secret.Spec.Labels[Labels.StackNamespace]);
            Assert.Equal("true", secret.Spec.Labels[Labels.Managed]);
            Assert.Equal(Password, await TaskShell.RunAsync(docker.Client, $"{app}_app", "cat", "/run/secrets/db_password"));

            // The task sees the rendered config, not the template call.
            var entrypoint = await TaskShell.RunAsync(docker.Client, $"{app}_app", "cat", "/docker-entrypoint.sh");
            Assert.Contains($"greeting: rendered for {app}", entrypoint);
            Assert.DoesNotContain("{{", entrypoint);

            // Deploying again reuses the network and the secret (Swarm secrets are immutable; the version is in the name).
            var again = await stacks.Deployer.DeployAsync(request);
            Assert.True(again.Succeeded, again.ToString());
            Assert.Equal(network.ID, (await docker.Client.Networks.InspectNetworkAsync(proxy)).ID);
            Assert.Equal(secret.ID, Assert.Single(await docker.Client.Secrets.ListAsync(), s => s.Spec.Name == $"{app}_db_password_v1").ID);

            // Swarm made the anonymous /cache volume under a name of its own, labelled with the stack.
            var volumes = await docker.Client.Volumes.ListAsync(new VolumesListParameters { Filters = DockerFilters.Stack(app.Value) });
            Assert.Contains(volumes.Volumes ?? [], v => !v.Name.StartsWith(app.Value, StringComparison.Ordinal));

            // Removing the stack leaves nothing of it, and the shared network in place.
            var removed = await stacks.Remover.UndeployAsync(app, purgeVolumes: true, TimeSpan.FromMinutes(1));
            Assert.Contains($"{app}_db_password_v1", removed.Secrets);
            Assert.Contains($"{app}_entrypoint_v1", removed.Configs);
            Assert.Contains($"{app}_internal", removed.Networks);
            Assert.DoesNotContain(proxy, removed.Networks);
            await StackLeftovers.AssertNoneAsync(docker.Client, app.Value);
            Assert.Equal(network.ID, (await docker.Client.Networks.InspectNetworkAsync(proxy)).ID);
        }
        finally
        {
            await RemoveNetworkAsync(proxy);
        }
    }

    [Fact]
    public async Task An_external_network_outside_the_setting_is_refused_naming_it_and_the_key()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("coop")));
        var unlisted = UniqueName.For("other");
        var stacks = new StackTestContext(docker.Client, new SwarmOptions(["proxy"]));
        var request = await RequestAsync(app, unlisted) with { SecretValues = new Dictionary<string, string> { ["db_password"] = Password } };

        var error = await Assert.ThrowsAsync<StackDeployException>(() => stacks.Deployer.DeployAsync(request));

        Assert.Contains($"'{unlisted}'", error.Message);
        Assert.Contains(SwarmOptions.ExternalNetworksKey, error.Message);
        Assert.DoesNotContain(await docker.Client.Networks.ListNetworksAsync(), n => n.Name == unlisted);
    }

    [Fact]
    public async Task A_missing_external_secret_without_a_value_is_a_clear_error()
    {
        await using var resources = docker.Track();
        var app = AppName.Parse(resources.Stack(UniqueName.For("coop")));
        var proxy = UniqueName.For("proxy");
        var stacks = new StackTestContext(docker.Client, new SwarmOptions([proxy]));
        try
        {
            var error = await Assert.ThrowsAsync<StackDeployException>(async () => await stacks.Deployer.DeployAsync(await RequestAsync(app, proxy)));
            Assert.Contains($"secret 'db_password' is external but no secret named '{app}_db_password_v1' exists", error.Message);
        }
        finally
        {
            await RemoveNetworkAsync(proxy);
        }
    }

    private static Task<StackDeployRequest> RequestAsync(AppName app, string proxyNetwork) =>
        StackTestContext.RequestAsync(app, "swarm-coop", "1.0.0+1.0", FreePort.Next(),
            variables: new Dictionary<string, string> { ["PROXY_NETWORK"] = proxyNetwork });

    private async Task RemoveNetworkAsync(string name)
    {
        try { await docker.Client.Networks.DeleteNetworkAsync(name); }
        catch (global::Docker.DotNet.DockerNetworkNotFoundException) { }
        catch (global::Docker.DotNet.DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound) { }
    }
}
