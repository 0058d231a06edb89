using LibGit2Sharp;
using Semver;

namespace TestKit;

/// <summary>
/// Turns a fixture recipe folder (<c>tests/fixtures/recipes/&lt;recipe&gt;/&lt;version&gt;/...</c>) into a git repo
/// with one commit and one annotated tag per version, in semver order, the way a recipe's history looks.
/// A version folder whose name is not a version (e.g. <c>broken</c>) becomes a branch off the newest tag.
/// </summary>
public sealed class FixtureRecipes(string fixturesRoot)
{
    private static readonly Signature Author = new("recipeci tests", "tests@recipeci.invalid", DateTimeOffset.UnixEpoch);

    public FixtureRecipes() : this(TestEnvironment.FixtureRecipesRoot) { }

    public IReadOnlyList<string> Names => Directory.GetDirectories(fixturesRoot).Select(Path.GetFileName).OfType<string>().Order().ToList();

    /// <summary>Creates <paramref name="targetRoot"/>/<paramref name="recipe"/> as a git repo and returns its path.</summary>
    public string CreateRepository(string recipe, string targetRoot, string? asName = null)
    {
        var source = Path.Combine(fixturesRoot, recipe);
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"No fixture recipe '{recipe}' in {fixturesRoot}.");
        var path = Path.Combine(targetRoot, asName ?? recipe);
        Directory.CreateDirectory(path);
        Repository.Init(path);
        using var repo = new Repository(path);

        var folders = Directory.GetDirectories(source).Select(d => (Dir: d, Name: Path.GetFileName(d))).ToList();
        var versions = folders
            .Select(f => (f.Dir, f.Name, Version: SemVersion.TryParse(f.Name, SemVersionStyles.Strict, out var v) ? v : null))
            .ToList();
        foreach (var (dir, name, version) in versions.Where(v => v.Version is not null).OrderBy(v => v.Version!, SemVersion.PrecedenceComparer))
        {
            var commit = CommitTree(repo, dir, $"Release {name}");
            repo.ApplyTag(name, commit.Sha, Author, $"Release {name}");
        }
        var main = repo.Head.Tip;
        foreach (var (dir, name, _) in versions.Where(v => v.Version is null))
        {
            var branch = repo.CreateBranch(name, main ?? throw new InvalidOperationException($"Fixture {recipe} needs a version before branch {name}."));
            Commands.Checkout(repo, branch);
            CommitTree(repo, dir, $"Change {name}");
            Commands.Checkout(repo, repo.Branches["master"] ?? repo.Branches["main"]);
        }
        return path;
    }

    /// <summary>Commits <paramref name="folder"/> as the whole tree of a new commit on the current branch.</summary>
    public static Commit CommitTree(Repository repo, string folder, string message)
    {
        var workdir = repo.Info.WorkingDirectory;
        foreach (var entry in Directory.EnumerateFileSystemEntries(workdir).Where(e => Path.GetFileName(e) != ".git"))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
        }
        CopyTree(folder, workdir);
        Commands.Stage(repo, "*");
        return repo.Commit(message, Author, Author, new CommitOptions { AllowEmptyCommit = true });
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, target, overwrite: true);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }
    }
}
