using Docker.DotNet.Models;
using Recipes.Ci.Runs;
using Recipes.Swarm.Docker;
using TestKit;
using Xunit.Abstractions;

namespace Recipes.Ci.Tests.EndToEnd;

/// <summary>
/// One error model, shown on a cold run whose Docker engine misbehaves (a proxy in front of the real socket fails the
/// first service creates): a transient 503 is retried under the flow's retry policy and the run passes; a permanent
/// 400 is an incident on Deploy, the flow follows Deploy's fault port to its teardown, and nothing of the stack is
/// left on the engine.
/// </summary>
[Trait("Category", "Services")]
public sealed class DeployFaultTests(DockerFixture docker, ITestOutputHelper output) : IClassFixture<DockerFixture>
{
    private const string HealthUrl = "http://127.0.0.1:${PORT}/health";

    [Fact]
    public async Task A_transient_Docker_error_in_Deploy_is_retried_and_the_run_passes()
    {
        await using var proxy = await DockerFaultProxy.StartAsync(DockerFaultProxy.ServiceCreate, failures: 2, status: 503);
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();

        var cold = await world.RunAsync("cold", Engine(proxy), ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        output.WriteLine(cold.Raw);

        Assert.Equal(2, proxy.Injected);
        Assert.Equal(0, cold.ExitCode);
        Assert.Equal(RunResults.Pass, (string?)cold.Output["Result"]);
        var run = await world.RunRecordAsync((string)cold.Output["RunId"]!);
        Assert.Equal(RunResults.Pass, run?.Result);
    }

    [Fact]
    public async Task A_permanent_Docker_error_in_Deploy_is_an_incident_on_Deploy_and_the_teardown_still_runs()
    {
        await using var proxy = await DockerFaultProxy.StartAsync(DockerFaultProxy.ServiceCreate, failures: int.MaxValue, status: 400);
        await using var world = new CiWorld(docker);
        var recipe = world.AddRecipe();

        var cold = await world.RunAsync("cold", Engine(proxy), ("Recipe", recipe), ("Ref", "1.0.0+1.0"), ("HealthUrl", HealthUrl));
        output.WriteLine(cold.Raw);

        // Not retried: a 400 is permanent.
        Assert.Equal(1, proxy.Injected);
        Assert.Equal(2, cold.ExitCode);
        Assert.Equal(RunResults.Error, (string?)cold.Output["Result"]);
        Assert.StartsWith("deploy: ", (string?)cold.Output["Reason"]);
        Assert.Contains("\"subStatus\":\"Faulted\"", cold.Raw);
        Assert.Contains("\"incidents\":[{\"activityId\":\"deploy\"", cold.Raw);
        var run = await world.RunRecordAsync((string)cold.Output["RunId"]!);
        Assert.Equal(RunResults.Error, run?.Result);
        Assert.NotNull(run?.FinishedAt);

        // The teardown ran: the engine lists nothing of the run's stack.
        var stack = run!.App ?? throw new InvalidOperationException("the run has no app");
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Labels.StackNamespace}={stack}"] = true } };
        using var client = new Docker.DotNet.DockerClientBuilder().WithEndpoint(TestEnvironment.DockerEndpoint).Build();
        Assert.Empty(await client.Swarm.ListServicesAsync(new ServiceListParameters { Filters = filter }));
        Assert.Empty(await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }));
        Assert.DoesNotContain(await client.Configs.ListConfigsAsync(), c => OfStack(c.Spec?.Labels, stack));
        Assert.DoesNotContain(await client.Secrets.ListAsync(), s => OfStack(s.Spec?.Labels, stack));
        Assert.DoesNotContain((await client.Volumes.ListAsync(new VolumesListParameters())).Volumes ?? [], v => v.Name.StartsWith(stack + "_", StringComparison.Ordinal));
    }

    private static bool OfStack(IDictionary<string, string>? labels, string stack) =>
        labels is not null && labels.TryGetValue(Labels.StackNamespace, out var value) && value == stack;

    private static Dictionary<string, string> Engine(DockerFaultProxy proxy) => new() { ["RECIPECI_Docker__Endpoint"] = proxy.Endpoint.ToString() };
}
