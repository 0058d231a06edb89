using System.Text.Json.Nodes;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Core.Runtime;

namespace Recipes.Ci.Activities;

/// <summary>Lists the configured warm dependencies (Warm:Dependencies), for a ForEach. Read-only.</summary>
[Activity("Recipes", "ListWarmDependencies", Category = "Recipes", DisplayName = "List warm dependencies",
    Description = "The names of the configured warm dependencies (Warm:Dependencies), optionally only one.")]
public sealed class ListWarmDependencies(WarmDependencyCatalog dependencies, ILogger<ListWarmDependencies> logger) : WarmActivity(logger)
{
    [Input(Description = "Only this dependency (it must be configured); empty lists all.", UIHint = "singleline", Order = 0)]
    public string? Only { get; set; }

    [Output(Description = "The dependency names.")]
    public JsonArray? Names { get; set; }

    protected override Task<string> RunAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        var names = string.IsNullOrWhiteSpace(Only) ? dependencies.All.Select(d => d.Name).ToList() : [dependencies.Get(Only.Trim()).Name];
        context.SetOutput(nameof(Names), new JsonArray([.. names.Select(n => (JsonNode)JsonValue.Create(n))]));
        return Task.FromResult(FlowPorts.Done);
    }
}
