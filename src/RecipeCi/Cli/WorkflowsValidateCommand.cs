using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Workflows.Core.Runtime;

namespace RecipeCi.Cli;

/// <summary><c>recipeci workflows validate &lt;files...&gt;</c>: reports every problem (file, activity, reason); exit 1 if any.</summary>
public sealed class WorkflowsValidateCommand : AsyncCommand<WorkflowsValidateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILES>")]
        [Description("Workflow definition files.")]
        public string[] Files { get; init; } = [];
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var validator = new InProcessWorkflowHost(Recipes.Ci.Activities.RecipeActivities.Register(Workflows.Core.Activities.ActivityRegistry.CreateWithBuiltIns())).Validator;
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
}
