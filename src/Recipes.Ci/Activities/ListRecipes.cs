using Recipes.Ci.Catalog;
using Recipes.Ci.Forge;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>
/// The recipes under Recipes:Root in name order, at most <c>Ci:MaxTests</c> (and at most <see cref="Max"/> when
/// given): the nightly sweep's work list. Each listed recipe with a forge remote is fetched first, so the sweep tests
/// what the forge has; a failed fetch is logged and the recipe is tested as it is locally.
/// </summary>
[Activity("Recipes", "ListRecipes", Category = "Recipes", DisplayName = "List recipes",
    Description = "Fetch and list the recipes under Recipes:Root (name order), at most Ci:MaxTests.")]
[FlowPort(FlowPorts.Done)]
public sealed class ListRecipes(RecipeCatalog catalog, RecipeCiOptions options, RecipeRemotes remotes, ILogger<ListRecipes> logger) : Activity
{
    [Input(Description = "A lower bound than Ci:MaxTests; 0 means Ci:MaxTests.", Order = 0)]
    public int Max { get; set; }

    [Output(Description = "The recipe names, as a list of objects { recipe, ref } with ref the newest version tag (else main).", TypeName = "Object")]
    public object? Recipes { get; set; }

    [Output(Description = "How many recipes exist in total.")]
    public int Total { get; set; }

    public override async ValueTask ExecuteAsync(ActivityContext context)
    {
        var limit = Max > 0 ? Math.Min(Max, options.MaxTests) : options.MaxTests;
        var all = catalog.ListRecipes();
        foreach (var recipe in all.Take(limit))
        {
            try
            {
                await remotes.FetchAsync(recipe, null, "branches and tags", context.CancellationToken);
            }
            catch (CatalogException e)
            {
                logger.LogWarning("Nightly sweep: {Error} Testing the local copy.", e.Message);
            }
        }
        var items = all.Take(limit)
            .Select(r => new Dictionary<string, string> { ["recipe"] = r.Value, ["ref"] = catalog.LatestVersion(r)?.Tag ?? "main" })
            .ToList();
        context.SetOutput(nameof(Recipes), items);
        context.SetOutput(nameof(Total), all.Count);
        context.Complete(FlowPorts.Done);
    }
}
