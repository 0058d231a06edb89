using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using RecipeCi.Configuration;
using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;

namespace RecipeCi.Cli;

/// <summary>
/// <c>recipeci recipes add &lt;name&gt; &lt;git-url&gt;</c>: clones a recipe from its forge into <c>Recipes:Root/&lt;name&gt;</c>,
/// with the URL as its <c>origin</c>; webhooks and the nightly sweep then fetch from there. Exit 0 when cloned, 1 on
/// bad input or a failed clone (the message says why).
/// </summary>
public sealed class RecipesAddCommand : Command<RecipesAddCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<NAME>"), Description("The recipe name: 1-40 lower-case letters, digits and dashes, starting with a letter (usually the repository's name).")]
        public string Name { get; init; } = string.Empty;

        [CommandArgument(1, "<GIT-URL>"), Description("The recipe's repository on the forge (https://..., ssh://..., or a local path).")]
        public string Url { get; init; } = string.Empty;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!RecipeName.TryParse(settings.Name, out var name))
            return Fail($"'{settings.Name}' is not a valid recipe name: use 1-40 lower-case letters, digits and dashes, starting with a letter.");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables("RECIPECI_").AddCommandLine([.. context.Remaining.Raw]).Build();
            var settingsRead = new SettingsReader(configuration).Read();
            var forge = new ForgeSettingsReader(configuration).Read();
            var remotes = new RecipeRemotes(settingsRead.Paths.RecipesRoot, forge, NullLogger<RecipeRemotes>.Instance);
            var path = remotes.Add(name, settings.Url);
            Console.WriteLine($"Recipe {name} cloned from {RecipeRemotes.Redact(settings.Url)} into {path} (remote '{RecipeRemotes.Remote}').");
            return 0;
        }
        catch (Exception e) when (e is CatalogException or ConfigurationException)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
