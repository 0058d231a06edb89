namespace Recipes.Ci.Forge;

/// <summary>Where a webhook-started run reports to: the forge repository, the commit tested, its pull request.</summary>
/// <param name="Repository"><c>owner/name</c> on the forge.</param>
/// <param name="Sha">The commit the run tests (the ref resolved), which carries the statuses.</param>
/// <param name="Mode">The run mode at acceptance; decides the status context (<c>recipeci/quick</c>, <c>recipeci/cold</c>).</param>
public sealed record ForgeRunLink(string RunId, string Repository, string Sha, string? Pr, string Mode)
{
    public string Context => "recipeci/" + (Mode == Runs.RunModes.Quick ? "quick" : "cold");
}
