using System.Text.Json;
using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci workflows import &lt;file|dir&gt;</c>: imports and publishes definition files through the same
/// definition service as the server's start-up import (an unchanged file creates no version). Every bad file is
/// reported with its problem; the others are still imported; exit 1 if any failed.
/// </summary>
public sealed class WorkflowsImportCommand : ConfiguredCommand<WorkflowsImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>"), Description("A definition file, or a folder whose *.json files are imported in name order.")]
        public string Path { get; init; } = "";
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Path) && !File.Exists(settings.Path))
        {
            await Console.Error.WriteLineAsync($"No file or folder at '{settings.Path}'.");
            return 1;
        }
        var files = DefinitionFiles.In(settings.Path);
        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync($"The folder '{settings.Path}' has no *.json files.");
            return 1;
        }
        await using var services = await DefinitionServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
        var latestBefore = (await services.Store.ListAsync(new WorkflowDefinitionFilter { IsLatest = true }, PageArgs.All, cancellationToken))
            .Items.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var failed = 0;
        var contents = new List<(string File, string Json)>();
        foreach (var file in files)
            contents.Add((file, await File.ReadAllTextAsync(file, cancellationToken)));
        // A workflow used as an activity goes before the workflows that use it, whatever the file names.
        foreach (var (file, json) in WorkflowImportOrder.Sort(contents, c => c.Json))
        {
            try
            {
                var stored = await services.Definitions.ImportAsync(json, System.IO.Path.GetFileName(file), cancellationToken);
                var what = latestBefore.Contains(stored.Id) ? "unchanged" : "published";
                Console.WriteLine($"{file}: {stored.DefinitionId} v{stored.Version} {what}");
            }
            catch (WorkflowValidationException e)
            {
                failed++;
                foreach (var problem in e.Problems)
                    await Console.Error.WriteLineAsync($"{file}: {problem}");
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or IOException)
            {
                failed++;
                await Console.Error.WriteLineAsync($"{file}: not imported: {e.Message}");
            }
        }
        if (failed > 0)
            await Console.Error.WriteLineAsync($"{failed} of {files.Count} file(s) not imported");
        return failed == 0 ? 0 : 1;
    }
}
