using Spectre.Console;
using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary><c>recipeci workflows validate &lt;files...&gt;</c>: reports every problem (file, activity, reason); exit 1 if any.</summary>
public sealed class WorkflowsValidateCommand : AsyncCommand<WorkflowsValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILES>"), Description("Workflow definition files.")]
        public string[] Files { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var host = new InProcessWorkflowHost(Recipes.Ci.Activities.RecipeActivities.Register(Workflows.Core.Activities.ActivityRegistry.CreateWithBuiltIns()));
        var validator = host.Validator;
        await RegisterWorkflowActivitiesAsync(host, settings.Files, cancellationToken);
        var problemCount = 0;
        foreach (var file in settings.Files)
        {
            var problems = File.Exists(file)
                ? validator.Validate(await File.ReadAllTextAsync(file, cancellationToken), file)
                : [new Workflows.Core.Management.ValidationProblem(file, null, "File not found.")];
            foreach (var problem in problems)
                Console.Out.WriteLine(problem.ToString());
            problemCount += problems.Count;
        }
        if (problemCount == 0)
            AnsiConsole.MarkupLineInterpolated($"[green]{settings.Files.Length} file(s) valid[/]");
        else
            Console.Error.WriteLine($"{problemCount} problem(s)");
        return problemCount == 0 ? 0 : 1;
    }

    /// <summary>
    /// The files usable as activities, given or beside a given file, are activity types for the others (a parent
    /// validates beside its child, as <c>run</c> and <c>serve</c> import them together).
    /// </summary>
    private static async Task RegisterWorkflowActivitiesAsync(InProcessWorkflowHost host, string[] files, CancellationToken cancellationToken)
    {
        var candidates = files.Where(File.Exists)
            .SelectMany(f => Directory.GetFiles(Path.GetDirectoryName(Path.GetFullPath(f))!, "*.json").Prepend(Path.GetFullPath(f)))
            .Distinct(StringComparer.Ordinal);
        foreach (var file in candidates)
        {
            try
            {
                var document = Workflows.Core.Definitions.WorkflowDefinitionDocument.Parse(await File.ReadAllTextAsync(file, cancellationToken));
                var definitionId = document.DefinitionId ?? Path.GetFileNameWithoutExtension(file);
                host.Registry.WorkflowActivities.Update(new Workflows.Core.Persistence.StoredWorkflowDefinition
                {
                    Id = document.Id ?? definitionId,
                    DefinitionId = definitionId,
                    Version = Math.Max(document.Version, 1),
                    IsLatest = true,
                    IsPublished = true,
                    Name = document.Name,
                    CreatedAt = document.CreatedAt ?? DateTimeOffset.UnixEpoch,
                    Json = document.ToJsonString(),
                });
            }
            catch (System.Text.Json.JsonException)
            {
                // Reported as invalid JSON by the validation itself.
            }
        }
    }
}
