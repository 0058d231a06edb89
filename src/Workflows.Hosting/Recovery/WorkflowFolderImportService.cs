using Microsoft.Extensions.Hosting;
using Workflows.Core.Management;
using Workflows.Hosting.Leases;
using Workflows.Hosting.Runtime;

namespace Workflows.Hosting.Recovery;

/// <summary>
/// At start, imports and publishes every <c>*.json</c> of the workflows folder (a new version only when a file
/// changed), then repairs the trigger index where it no longer matches the published versions. Nodes starting
/// together take turns through a lock, so each change becomes exactly one version.
/// </summary>
public sealed class WorkflowFolderImportService(
    WorkflowDefinitionService definitions,
    TriggerIndexRepair triggerIndex,
    IWorkflowLocks locks,
    WorkflowServerOptions options,
    ILogger<WorkflowFolderImportService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Instances that resume on this node may run workflows used as activities: the registry must know them first.
        await definitions.EnsureActivityTypesLoadedAsync();
        var files = options.WorkflowsFolder is { } folder && Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            // Usually a server started outside the clone root: it would answer every webhook with 404 and never sweep.
            logger.LogWarning(
                "No workflow files at {Folder} ({Full}): nothing imported. Start recipeci from the directory holding workflows/, " +
                "set Workflows:Folder to that folder, or import files with `recipeci workflows import <dir>`",
                options.WorkflowsFolder, options.WorkflowsFolder is null ? "not set" : Path.GetFullPath(options.WorkflowsFolder));
        }
        await using var importLock = await locks.TryAcquireAsync(LockNames.FolderImport, TimeSpan.FromMinutes(2), cancellationToken)
                                     ?? throw new TimeoutException("Another node held the workflows import lock for 2 minutes.");
        await ImportAsync(files, cancellationToken);
        await RepairTriggerIndexAsync(cancellationToken);
    }

    private async Task ImportAsync(IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var contents = new List<(string File, string Json)>();
        foreach (var file in files)
            contents.Add((file, await File.ReadAllTextAsync(file, cancellationToken)));
        // A workflow used as an activity goes before the workflows that use it, whatever the file names.
        foreach (var (file, json) in WorkflowImportOrder.Sort(contents, c => c.Json))
        {
            try
            {
                var stored = await definitions.ImportAsync(json, Path.GetFileName(file), cancellationToken);
                logger.LogInformation("Workflow {DefinitionId} version {Version} from {File} is published", stored.DefinitionId, stored.Version, file);
            }
            catch (Exception e) when (e is WorkflowValidationException or System.Text.Json.JsonException or FormatException or InvalidOperationException)
            {
                // One bad file must not keep the server (and the other workflows) from starting.
                logger.LogError("Workflow file {File} was not imported: {Problem}", file, e.Message);
            }
        }
    }

    private async Task RepairTriggerIndexAsync(CancellationToken cancellationToken)
    {
        var repair = await triggerIndex.RepairAsync(cancellationToken);
        if (repair.Rewritten.Count > 0)
        {
            logger.LogWarning(
                "Rewrote the trigger index of {Definitions}: it did not match the published versions (a publish or retract " +
                "cut short by a crash, or triggers indexed by an older release). Their webhook routes and schedules are current again",
                string.Join(", ", repair.Rewritten));
        }
        foreach (var problem in repair.Unindexable)
            logger.LogError("A published workflow could not be indexed, so its triggers were left as they are: {Problem}", problem);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
