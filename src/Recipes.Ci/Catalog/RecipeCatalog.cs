using System.Text.RegularExpressions;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Semver;

namespace Recipes.Ci.Catalog;

/// <summary>
/// The recipes under <c>Recipes:Root</c>: one git repo per recipe, versions from tags, refs resolved to
/// commits, and per-run work trees (a local clone per run under <paramref name="workTreesRoot"/>, so runs of
/// different refs of one recipe never share files and the recipe repo itself is never touched).
/// </summary>
public sealed partial class RecipeCatalog(string recipesRoot, string workTreesRoot, ILogger<RecipeCatalog> logger)
{
    /// <summary>Recipes in name order: folders with a valid recipe name that are git repositories.</summary>
    public IReadOnlyList<RecipeName> ListRecipes()
    {
        if (!Directory.Exists(recipesRoot)) return [];
        return Directory.EnumerateDirectories(recipesRoot)
            .Select(Path.GetFileName)
            .Select(n => RecipeName.TryParse(n, out var name) ? name : null)
            .OfType<RecipeName>()
            .Where(n => Repository.IsValid(RepositoryPath(n)))
            .OrderBy(n => n.Value, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Version tags in ascending precedence (ties in build metadata ordered by sort order); other tags are ignored.</summary>
    public IReadOnlyList<RecipeVersion> ListVersions(RecipeName recipe)
    {
        using var repo = Open(recipe);
        return Versions(repo);
    }

    /// <summary>The newest version, or null when the recipe has no version tag.</summary>
    public RecipeVersion? LatestVersion(RecipeName recipe) => ListVersions(recipe).LastOrDefault();

    /// <summary>Resolves a tag, a branch or a commit sha (at least 7 hex digits) to a commit.</summary>
    public ResolvedRef Resolve(RecipeName recipe, string gitRef)
    {
        ValidateRef(gitRef);
        using var repo = Open(recipe);
        var versions = Versions(repo);

        if (repo.Tags[gitRef] is { } tag && tag.PeeledTarget is Commit tagged)
            return new ResolvedRef(recipe, gitRef, RefKind.Tag, tagged.Sha, versions.FirstOrDefault(v => v.Tag == gitRef) ?? VersionAt(versions, tagged.Sha));
        if (repo.Branches[gitRef] is { Tip: { } tip } branch && !branch.IsRemote)
            return new ResolvedRef(recipe, gitRef, RefKind.Branch, tip.Sha, VersionAt(versions, tip.Sha));
        if (ShaPattern().IsMatch(gitRef))
        {
            try
            {
                if (repo.Lookup<Commit>(gitRef) is { } commit)
                    return new ResolvedRef(recipe, gitRef, RefKind.Commit, commit.Sha, VersionAt(versions, commit.Sha));
            }
            catch (AmbiguousSpecificationException e)
            {
                throw new CatalogException($"Ref '{gitRef}' of recipe {recipe} matches several commits; give more digits.", e);
            }
        }
        throw new CatalogException($"Ref '{gitRef}' is not a tag, branch or commit of recipe {recipe}.");
    }

    /// <summary>
    /// The first trusted ref (per <paramref name="rules"/>) that reaches <paramref name="commit"/>, as "default branch
    /// main", "tag 1.0.0+1.0" or "branch stable"; null when none does.
    /// </summary>
    public string? FindTrustedRef(RecipeName recipe, string commit, Canonicals.PromoteFrom rules)
    {
        using var repo = Open(recipe);
        if (repo.Lookup<Commit>(commit) is not { } target)
            return null;
        bool Reaches(Commit tip) => tip.Sha == target.Sha || repo.ObjectDatabase.FindMergeBase(tip, target)?.Sha == target.Sha;
        if (rules.DefaultBranch && !repo.Info.IsHeadDetached && repo.Head is { Tip: { } head, IsRemote: false } && Reaches(head))
            return $"default branch {repo.Head.FriendlyName}";
        foreach (var name in rules.Branches)
            if (repo.Branches[name] is { Tip: { } tip, IsRemote: false } && Reaches(tip))
                return $"branch {name}";
        if (rules.Tags)
            foreach (var version in Versions(repo))
                if (repo.Lookup<Commit>(version.Commit) is { } tagged && Reaches(tagged))
                    return $"tag {version.Tag}";
        return null;
    }

    /// <summary>
    /// Checks <paramref name="gitRef"/> out into the run's own folder. Idempotent: a re-run with the same run id
    /// reuses a clean work tree already at the commit, and replaces anything else.
    /// </summary>
    public Task<RecipeWorkTree> CheckoutAsync(RecipeName recipe, string gitRef, RunId run, CancellationToken cancellationToken) =>
        Task.Run(() => Checkout(recipe, gitRef, run, cancellationToken), cancellationToken);

    /// <summary>The work tree folder of a run, whether or not it exists (for teardown after a crash).</summary>
    public string WorkTreePath(RecipeName recipe, RunId run) => Path.Combine(workTreesRoot, recipe.Value, run.Value);

    private RecipeWorkTree Checkout(RecipeName recipe, string gitRef, RunId run, CancellationToken cancellationToken)
    {
        var resolved = Resolve(recipe, gitRef);
        var path = WorkTreePath(recipe, run);
        if (IsCleanAt(path, resolved.Commit))
        {
            logger.LogInformation("Reusing work tree {Path} of run {Run} at {Commit}", path, run.Value, resolved.Commit);
            return new RecipeWorkTree(resolved, run, path);
        }

        WorkTreeFolder.Delete(path);
        cancellationToken.ThrowIfCancellationRequested();
        // Clone beside the target and rename: a crash mid-clone never leaves a folder that looks finished.
        var staging = path + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            Repository.Clone(RepositoryPath(recipe), staging, new CloneOptions { Checkout = false });
            using (var clone = new Repository(staging))
            {
                var commit = clone.Lookup<Commit>(resolved.Commit)
                    ?? throw new CatalogException($"Commit {resolved.Commit} of recipe {recipe} is missing from its clone.");
                Commands.Checkout(clone, commit, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
            }
            Directory.Move(staging, path);
        }
        finally
        {
            WorkTreeFolder.Delete(staging);
        }
        logger.LogInformation("Checked out {Recipe} {Ref} ({Commit}) for run {Run} in {Path}", recipe.Value, gitRef, resolved.Commit, run.Value, path);
        return new RecipeWorkTree(resolved, run, path);
    }

    private static bool IsCleanAt(string path, string commit)
    {
        if (!Repository.IsValid(path)) return false;
        using var repo = new Repository(path);
        return repo.Head.Tip?.Sha == commit && !repo.RetrieveStatus(new StatusOptions { IncludeUntracked = true }).IsDirty;
    }

    private static IReadOnlyList<RecipeVersion> Versions(Repository repo) =>
        repo.Tags
            .Select(t => (Tag: t, Version: SemVersion.TryParse(t.FriendlyName, SemVersionStyles.Strict, out var v) ? v : null))
            .Where(t => t.Version is not null && t.Tag.PeeledTarget is Commit)
            .Select(t => new RecipeVersion(t.Tag.FriendlyName, t.Version!, ((Commit)t.Tag.PeeledTarget).Sha))
            .OrderBy(v => v.Version, SemVersion.SortOrderComparer)
            .ToList();

    private static RecipeVersion? VersionAt(IReadOnlyList<RecipeVersion> versions, string sha) => versions.LastOrDefault(v => v.Commit == sha);

    private Repository Open(RecipeName recipe)
    {
        var path = RepositoryPath(recipe);
        if (!Repository.IsValid(path)) throw new CatalogException($"Recipe {recipe} not found: {path} is not a git repository.");
        return new Repository(path);
    }

    private string RepositoryPath(RecipeName recipe) => Path.Combine(recipesRoot, recipe.Value);

    private static void ValidateRef(string gitRef)
    {
        if (!RefPattern().IsMatch(gitRef) || gitRef.Contains("..", StringComparison.Ordinal) || gitRef.Contains("//", StringComparison.Ordinal) ||
            gitRef.EndsWith(".lock", StringComparison.Ordinal) || gitRef.EndsWith('/'))
            throw new CatalogException($"Ref '{gitRef}' is not allowed: use a tag, branch or commit sha (letters, digits and . _ + / -).");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+/-]{0,199}\\z")]
    private static partial Regex RefPattern();

    [GeneratedRegex("^[0-9a-f]{7,40}\\z")]
    private static partial Regex ShaPattern();
}
