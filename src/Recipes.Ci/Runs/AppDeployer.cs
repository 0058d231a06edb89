using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// Deploys an <see cref="AppSpec"/> for a run and keeps the run's labels. A step's deploy counts once towards the
/// deploy count when it changed Docker state: created or updated a service, or (a re-run after a crash, which finds
/// the spec already deployed) the app's services changed since the step first started (<see cref="RunDeploySteps"/>).
/// An unchanged deploy of an unchanged app does not count. A converged deploy records when it converged, for
/// Assert's stability check; a failed one becomes the run's JUnit report.
/// </summary>
public sealed class AppDeployer(IStackDeployer deployer, RunDeploySteps steps, IDockerClient docker, RecipeCiOptions options, TimeProvider time)
{
    /// <param name="step">The deploying step (its activity instance id): one count per step, whatever its attempts.</param>
    public async Task<StackDeployResult> DeployAsync(RunContext run, AppSpec spec, AppRole role, string phase, string step, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var record = await steps.BeginAsync(run.RunId, step, await FingerprintAsync(spec.App, cancellationToken), cancellationToken);
        var result = await run.TimeAsync(phase,
            () => deployer.DeployAsync(spec.DeployRequest(role), null, cancellationToken), cancellationToken);
        var changed = result.Changes.Any(c => c.Kind is ServiceChangeKind.Created or ServiceChangeKind.Updated)
                      || (!record.FirstAttempt && await FingerprintAsync(spec.App, cancellationToken) != record.Before);
        if (changed && !record.Counted && await steps.CountAsync(run.RunId, step, cancellationToken))
            await run.RefreshAsync(cancellationToken);
        if (result.Succeeded)
            await run.SetConvergedAsync(result.ConvergedAtUtc, cancellationToken);
        if (result.Succeeded)
            run.Logger.LogInformation("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
        else
        {
            run.Logger.LogWarning("Run {RunId}: {App} {Result}", run.RunId, spec.App.Value, result);
            // Why it failed, with the container's last lines, goes where a reader of the run looks: its JUnit report.
            await DeployFailureReport.WriteAsync(run, options.ReportsRoot, phase, result, startedAt, cancellationToken);
        }
        return result;
    }

    /// <summary>The app's services as Swarm versions them: any create, update or removal changes it.</summary>
    private async Task<string> FingerprintAsync(AppName app, CancellationToken cancellationToken)
    {
        var services = await docker.Swarm.ListServicesAsync(new ServiceListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{Labels.StackNamespace}={app.Value}"] = true } },
        }, cancellationToken);
        var text = string.Join('\n', services.Select(s => $"{s.ID}@{s.Version?.Index}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
