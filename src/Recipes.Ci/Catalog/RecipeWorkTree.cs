namespace Recipes.Ci.Catalog;

/// <summary>
/// A recipe checked out at one commit into a folder of its own for one run. Disposing deletes the folder;
/// the run's teardown does that, and a re-run with the same run id reuses it.
/// </summary>
public sealed class RecipeWorkTree : IDisposable
{
    internal RecipeWorkTree(ResolvedRef resolved, RunId run, string path)
    {
        Resolved = resolved;
        Run = run;
        Path = path;
    }

    public ResolvedRef Resolved { get; }

    public RunId Run { get; }

    /// <summary>The checked-out files (a git clone with a detached HEAD at <see cref="ResolvedRef.Commit"/>).</summary>
    public string Path { get; }

    public void Dispose() => WorkTreeFolder.Delete(Path);
}
