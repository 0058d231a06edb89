using Recipes.Ci.Catalog;
using Recipes.Swarm.Stacks;

namespace Recipes.Ci.Runs;

/// <summary>
/// After a deploy of a tagged release, compares the <c>coop-cloud.${STACK_NAME}.version</c> label of the app's main
/// service, as Docker reports it, with the tag deployed. A mismatch is a version bump the maintainer forgot (what
/// <c>abra recipe lint</c> catches; abra would report the wrong version as deployed): a warning on the run, shown as
/// JUnit case <see cref="CaseName"/>, never a failure. An untagged commit (a branch, a PR head) has no version to
/// compare and is not checked.
/// </summary>
public sealed class VersionLabelCheck(IStackQueries stacks, RecipeCatalog catalog)
{
    public const string CaseName = "version-label";

    /// <summary>The warning, recorded on the run, or null when the label matches or there is nothing to compare.</summary>
    public async Task<string?> CheckAsync(RunContext run, AppSpec spec, CancellationToken cancellationToken)
    {
        var commit = spec.WorkTree.Resolved.Commit;
        var tag = catalog.ListVersions(RecipeName.Parse(run.Record.Recipe)).LastOrDefault(v => v.Commit == commit)?.Tag;
        if (tag is null) return null;
        var label = await stacks.GetDeployedVersionAsync(spec.App, cancellationToken);
        if (label == tag) return null;
        var warning = label is null
            ? $"{CaseName}: {spec.App.Value} deploys tag {tag} but its app service has no label coop-cloud.{spec.App.Value}.version=<version>"
            : $"{CaseName}: {spec.App.Value} deploys tag {tag} but its label coop-cloud.{spec.App.Value}.version says {label}; bump the label to {tag}";
        await run.AddWarningAsync(warning, cancellationToken);
        return warning;
    }
}
