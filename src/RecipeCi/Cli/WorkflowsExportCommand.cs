using Workflows.Core.Management;
using Workflows.Core.Persistence;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci workflows export [&lt;definitionId&gt;] [--output DIR]</c>: writes the stored latest version of each
/// definition (or of one) as <c>&lt;definitionId&gt;.json</c> in Elsa's format, the format <c>import</c> and the
/// server's start-up import read.
/// </summary>
public sealed class WorkflowsExportCommand : ConfiguredCommand<WorkflowsExportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[DEFINITION_ID]"), Description("Export only this definition (default: every definition).")]
        public string? DefinitionId { get; init; }

        [CommandOption("-o|--output <DIR>"), Description("Folder to write into (created if missing; default: the configured Workflows:Folder).")]
        public string? Output { get; init; }
    }

    protected override async Task<int> RunAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = await DefinitionServices.StartAsync([.. context.Remaining.Raw], cancellationToken);
        var filter = new WorkflowDefinitionFilter
        {
            IsLatest = true,
            DefinitionId = string.IsNullOrWhiteSpace(settings.DefinitionId) ? null : settings.DefinitionId,
        };
        var latest = (await services.Store.ListAsync(filter, PageArgs.All, cancellationToken)).Items;
        if (latest.Count == 0)
        {
            await Console.Error.WriteLineAsync(settings.DefinitionId is { Length: > 0 } id
                ? $"Workflow definition '{id}' was not found in the database."
                : "The database has no workflow definitions to export.");
            return 1;
        }
        var folder = Path.GetFullPath(settings.Output ?? services.WorkflowsFolder);
        var files = new List<(string Path, string Json, StoredWorkflowDefinition Stored)>();
        foreach (var stored in latest)
        {
            try { files.Add((Path.Combine(folder, WorkflowDefinitionFile.FileName(stored.DefinitionId)), WorkflowDefinitionFile.ToJson(stored), stored)); }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 1;
            }
        }
        Directory.CreateDirectory(folder);
        foreach (var (path, json, stored) in files)
        {
            // Write then rename, so a reader (a starting server) never sees half a file.
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, json, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            Console.WriteLine($"{stored.DefinitionId} v{stored.Version} ({(stored.IsPublished ? "published" : "draft")}) -> {path}");
        }
        return 0;
    }
}
