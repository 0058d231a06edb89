using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Sandbox;

namespace Recipes.Ci.Testing;

/// <summary>
/// Runs a recipe's test commands where they cannot harm the CI host: in a throwaway container from
/// <c>Ci:Tests:Image</c> on the app's network (<see cref="ContainerSandbox"/>), or, without that image, as the
/// unprivileged <c>Ci:Tests:User</c> (<see cref="UserSandbox"/>). Never as root on the host, never with the Docker
/// socket or recipeci's data in reach.
/// </summary>
public sealed class TestSandbox(ContainerSandbox containers, StackNetworks networks, UserSandbox users, TestSandboxOptions options)
{
    /// <summary>Decides once per run where its tests execute; throws <see cref="TestSandboxUnavailableException"/> when nowhere is safe.</summary>
    public async Task<SandboxPlan> PlanAsync(AppName app, CancellationToken cancellationToken)
    {
        if (await containers.ImageExistsAsync(options.Image, cancellationToken))
        {
            var network = await networks.ForAsync(app, cancellationToken);
            return new SandboxPlan(true, network, $"container {options.Image} as {SandboxRequest.NobodyUser}, network {network}");
        }
        if (options.User is null)
            throw new TestSandboxUnavailableException(
                $"No test sandbox: the image '{options.Image}' (Ci:Tests:Image) does not exist on the Docker engine and Ci:Tests:User is not set. " +
                "Build the image with docker/test-image/build, or set Ci:Tests:User to an unprivileged local user.");
        var user = UserSandbox.Resolve(options.User);
        return new SandboxPlan(false, SandboxNetwork.HostNetwork, $"user {user.Name} (uid {user.Uid}) on the host");
    }

    public async Task<ShellCommandResult> RunAsync(SandboxPlan plan, string owner, string command, string folder,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!plan.InContainer)
            return await users.RunAsync(UserSandbox.Resolve(options.User!), command, folder, environment, timeout, cancellationToken);
        var result = await containers.RunAsync(
            new SandboxRequest(options.Image, command, folder, environment, plan.Network, timeout, options.Limits), owner, cancellationToken);
        return new ShellCommandResult(result.ExitCode, result.TimedOut, result.Duration, result.Output);
    }
}
