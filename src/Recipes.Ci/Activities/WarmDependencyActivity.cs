using Workflows.Core.Activities;

namespace Recipes.Ci.Activities;

/// <summary>
/// Base of the activities that act on one warm dependency (snapshot, deploy, health gate, commit, rollback): the
/// <c>Dependency</c> input they all take, first among their inputs, and its required, trimmed value.
/// </summary>
[LeadingInputs]
public abstract class WarmDependencyActivity(ILogger logger) : WarmActivity(logger)
{
    [Input(Description = "The warm dependency.", UIHint = "singleline", Order = 0)]
    public string? Dependency { get; set; }

    /// <summary>The dependency's name; an error naming the input when it is empty.</summary>
    protected string DependencyName => Required(Dependency, nameof(Dependency));
}
