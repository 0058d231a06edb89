using System.Text.Json;
using Spectre.Console;
using Workflows.Core.Definitions;
using Workflows.Core.Management;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci workflows layout [--write] &lt;files|folders&gt;</c>: lays every flowchart of the definition files out
/// left to right (<see cref="FlowchartLayout"/>), replacing their designer positions. Without <c>--write</c> it only
/// says which files would change; exit 1 on a file that cannot be read.
/// </summary>
public sealed class WorkflowsLayoutCommand : AsyncCommand<WorkflowsLayoutCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATHS>"), Description("Workflow definition files, or folders of them (*.json).")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--write"), Description("Write the new positions into the files (otherwise only report what would change).")]
        public bool Write { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var failures = 0;
        var changed = 0;
        var files = settings.Paths.SelectMany(DefinitionFiles.In).ToList();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                Console.Error.WriteLine($"{file}: file not found; give definition files or folders holding them.");
                failures++;
                continue;
            }
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            WorkflowDefinitionDocument document;
            try
            {
                document = WorkflowDefinitionDocument.Parse(text);
            }
            catch (JsonException e)
            {
                Console.Error.WriteLine($"{file}: not valid JSON ({e.Message}); fix the file and run the command again.");
                failures++;
                continue;
            }
            var charts = new FlowchartLayout().Apply(document, onlyMissing: false);
            var laidOut = document.ToJsonString() + (text.EndsWith('\n') ? "\n" : "");
            if (laidOut == text)
                continue;
            changed++;
            if (settings.Write)
                await File.WriteAllTextAsync(file, laidOut, cancellationToken);
            Console.Out.WriteLine($"{file}: {charts} flowchart(s) {(settings.Write ? "laid out" : "would be laid out (use --write)")}");
        }
        AnsiConsole.MarkupLineInterpolated($"[green]{files.Count} file(s), {changed} {(settings.Write ? "rewritten" : "to rewrite")}[/]");
        return failures == 0 ? 0 : 1;
    }
}
