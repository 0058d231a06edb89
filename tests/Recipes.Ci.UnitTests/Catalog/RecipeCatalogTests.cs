using LibGit2Sharp;
using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Catalog;
using TestKit;

namespace Recipes.Ci.UnitTests.Catalog;

public sealed class RecipeCatalogTests : IDisposable
{
    private readonly TempFolder _root = new("catalog");
    private readonly RecipeCatalog _catalog;
    private readonly RecipeName _recipe = RecipeName.Parse("ci-catalog");

    public RecipeCatalogTests()
    {
        var recipes = Path.Combine(_root.Path, "recipes");
        Directory.CreateDirectory(recipes);
        var repoPath = new FixtureRecipes().CreateRepository("ci-catalog", recipes);
        using (var repo = new Repository(repoPath))
        {
            // Tags that are not versions must be ignored.
            repo.ApplyTag("nightly");
            repo.ApplyTag("v-next");
        }
        Directory.CreateDirectory(Path.Combine(recipes, "not-a-repo"));
        Directory.CreateDirectory(Path.Combine(recipes, "Bad_Name"));
        _catalog = new RecipeCatalog(recipes, Path.Combine(_root.Path, "work"), NullLogger<RecipeCatalog>.Instance);
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Lists_only_git_repositories_with_valid_names()
    {
        Assert.Equal(["ci-catalog"], _catalog.ListRecipes().Select(r => r.Value));
    }

    [Fact]
    public void Versions_come_from_tags_in_precedence_order_with_build_metadata_kept()
    {
        var versions = _catalog.ListVersions(_recipe);

        Assert.Equal(["1.0.0+1.27.2", "1.2.0+1.27.3", "1.10.0+1.28.0"], versions.Select(v => v.Tag));
        Assert.Equal("1.28.0", versions[^1].Version.Metadata);
        Assert.Equal("1.10.0+1.28.0", _catalog.LatestVersion(_recipe)!.Tag);
    }

    [Fact]
    public void Resolves_tags_branches_and_commit_shas()
    {
        var tag = _catalog.Resolve(_recipe, "1.2.0+1.27.3");
        var branch = _catalog.Resolve(_recipe, "feature");
        var bySha = _catalog.Resolve(_recipe, tag.Commit[..10]);

        Assert.Equal(RefKind.Tag, tag.Kind);
        Assert.Equal("1.2.0+1.27.3", tag.Version!.Tag);
        Assert.Equal(RefKind.Branch, branch.Kind);
        Assert.Null(branch.Version);
        Assert.NotEqual(tag.Commit, branch.Commit);
        Assert.Equal(RefKind.Commit, bySha.Kind);
        Assert.Equal(tag.Commit, bySha.Commit);
        Assert.Equal("1.2.0+1.27.3", bySha.Version!.Tag);
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("../../etc/passwd")]
    [InlineData("--upload-pack=evil")]
    [InlineData("deadbeefdeadbeef")]
    public void Unknown_or_unsafe_refs_are_refused(string gitRef)
    {
        Assert.Throws<CatalogException>(() => _catalog.Resolve(_recipe, gitRef));
    }

    [Fact]
    public void Unknown_recipe_is_refused_with_its_name()
    {
        var error = Assert.Throws<CatalogException>(() => _catalog.ListVersions(RecipeName.Parse("missing")));
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("Upper")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Recipe_names_are_validated(string name)
    {
        Assert.False(RecipeName.TryParse(name, out _));
    }

    [Fact]
    public async Task Checks_out_each_run_into_its_own_work_tree_and_deletes_it_on_dispose()
    {
        using var first = await _catalog.CheckoutAsync(_recipe, "1.0.0+1.27.2", RunId.Parse("run-a"), CancellationToken.None);
        var second = await _catalog.CheckoutAsync(_recipe, "feature", RunId.Parse("run-b"), CancellationToken.None);

        Assert.NotEqual(first.Path, second.Path);
        Assert.Contains("version=1.0.0+1.27.2", await File.ReadAllTextAsync(Path.Combine(first.Path, "compose.yml")));
        Assert.False(File.Exists(Path.Combine(first.Path, "CHANGED")));
        Assert.True(File.Exists(Path.Combine(second.Path, "CHANGED")));
        using (var repo = new Repository(second.Path)) Assert.Equal(second.Resolved.Commit, repo.Head.Tip.Sha);

        second.Dispose();
        Assert.False(Directory.Exists(second.Path));
        Assert.True(Directory.Exists(first.Path));
    }

    [Fact]
    public async Task A_rerun_with_the_same_run_id_reuses_a_clean_tree_and_replaces_a_dirty_or_different_one()
    {
        var run = RunId.Parse("rerun");
        var tree = await _catalog.CheckoutAsync(_recipe, "1.2.0+1.27.3", run, CancellationToken.None);
        var marker = Path.Combine(tree.Path, ".git", "recipeci-marker");
        await File.WriteAllTextAsync(marker, "kept when reused");

        var again = await _catalog.CheckoutAsync(_recipe, "1.2.0+1.27.3", run, CancellationToken.None);
        Assert.Equal(tree.Path, again.Path);
        Assert.True(File.Exists(marker));

        await File.WriteAllTextAsync(Path.Combine(again.Path, "compose.yml"), "tampered");
        var repaired = await _catalog.CheckoutAsync(_recipe, "1.2.0+1.27.3", run, CancellationToken.None);
        Assert.False(File.Exists(marker));
        Assert.Contains("version=1.2.0+1.27.3", await File.ReadAllTextAsync(Path.Combine(repaired.Path, "compose.yml")));

        var moved = await _catalog.CheckoutAsync(_recipe, "1.10.0+1.28.0", run, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(moved.Path, "recipeci.yml")));
        moved.Dispose();
    }
}
