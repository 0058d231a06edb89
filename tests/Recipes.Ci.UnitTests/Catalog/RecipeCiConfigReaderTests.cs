using System.Text.Json.Nodes;
using Recipes.Ci.Catalog;
using TestKit;

namespace Recipes.Ci.UnitTests.Catalog;

public sealed class RecipeCiConfigReaderTests : IDisposable
{
    private readonly TempFolder _root = new("recipeci-yml");
    private readonly RecipeName _recipe = RecipeName.Parse("ci-catalog");
    private readonly string _workTree;
    private readonly string _testsRoot;
    private readonly RecipeCiConfigReader _reader;

    public RecipeCiConfigReaderTests()
    {
        _workTree = Path.Combine(_root.Path, "work");
        _testsRoot = Path.Combine(_root.Path, "tests");
        Directory.CreateDirectory(_workTree);
        Directory.CreateDirectory(Path.Combine(_testsRoot, _recipe.Value));
        _reader = new RecipeCiConfigReader(_testsRoot);
    }

    public void Dispose() => _root.Dispose();

    private void RecipeFile(string yaml) => File.WriteAllText(Path.Combine(_workTree, "recipeci.yml"), yaml);

    private void OverrideFile(string yaml) => File.WriteAllText(_reader.OverridePath(_recipe), yaml);

    [Fact]
    public void Reads_the_fixture_recipe_file_with_tests_needs_and_timeouts()
    {
        var fixture = Path.Combine(TestEnvironment.FixtureRecipesRoot, "ci-catalog", "1.10.0+1.28.0");

        var config = _reader.Read(_recipe, fixture);

        Assert.False(config.DeployAndConvergeOnly);
        Assert.Equal(["version-file", "env"], config.Tests.Select(t => t.Name));
        Assert.Equal(TimeSpan.FromSeconds(30), config.Tests[0].Timeout);
        Assert.Equal(RecipeTimeouts.Default.Test, config.Tests[1].Timeout);
        Assert.Equal(fixture, config.Tests[0].WorkingDirectory);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Timeouts.Deploy);
        Assert.Equal(TimeSpan.FromSeconds(90), config.Timeouts.Converge);
        var need = Assert.Single(config.Needs);
        Assert.Equal("keycloak", need.Dependency);
        var client = Assert.Single(need.Clients);
        Assert.Equal("s3cret", (string?)client["secret"]);
        Assert.False((bool)client["publicClient"]!);
        Assert.Equal("*", (string?)client["redirectUris"]![0]);
        Assert.True((bool)need.Users[0]["enabled"]!);
    }

    [Fact]
    public void Without_any_file_the_recipe_gets_a_deploy_and_converge_check_only()
    {
        var config = _reader.Read(_recipe, _workTree);

        Assert.True(config.DeployAndConvergeOnly);
        Assert.Empty(config.Sources);
        Assert.Equal(RecipeTimeouts.Default, config.Timeouts);
    }

    [Fact]
    public void The_override_wins_per_key_and_timeouts_merge_per_sub_key()
    {
        RecipeFile("""
            tests:
              - name: a
                command: "true"
              - name: b
                command: "true"
            needs: [keycloak]
            timeouts: { deploy: 7m, converge: 2m }
            """);
        OverrideFile("""
            tests:
              - name: ci-only
                command: ./check.sh
            timeouts:
              converge: 3m
              test: 45s
            """);

        var config = _reader.Read(_recipe, _workTree);

        var test = Assert.Single(config.Tests);
        Assert.Equal("ci-only", test.Name);
        Assert.Equal(TimeSpan.FromSeconds(45), test.Timeout);
        Assert.Equal(Path.Combine(_testsRoot, _recipe.Value), test.WorkingDirectory);
        Assert.Equal("keycloak", Assert.Single(config.Needs).Dependency);
        Assert.Empty(config.Needs[0].Clients);
        Assert.Equal(new RecipeTimeouts(TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(45)), config.Timeouts);
        Assert.Equal(2, config.Sources.Count);
    }

    [Fact]
    public void An_override_with_an_empty_test_list_turns_tests_off()
    {
        RecipeFile("tests:\n  - name: a\n    command: \"false\"\n");
        OverrideFile("tests: []\n");

        Assert.True(_reader.Read(_recipe, _workTree).DeployAndConvergeOnly);
    }

    [Theory]
    [InlineData("tests:\n  - name: a\n    command: x\n    retries: 3\n", "tests[0].retries", "unknown key")]
    [InlineData("test:\n  - name: a\n", "test", "unknown key")]
    [InlineData("tests:\n  - name: a\n", "tests[0].command", "is required")]
    [InlineData("tests:\n  - name: a\n    command: x\n    timeout: soon\n", "tests[0].timeout", "not a duration")]
    [InlineData("tests:\n  - name: a\n    command: x\n  - name: a\n    command: y\n", "tests[1].name", "unique")]
    [InlineData("tests:\n  - name: ../x\n    command: x\n", "tests[0].name", "not allowed")]
    [InlineData("needs: [\"Key Cloak\"]\n", "needs[0]", "not a dependency name")]
    [InlineData("timeouts: { deploy: 5m, boot: 1m }\n", "timeouts.boot", "unknown key")]
    [InlineData("tests: {name: a}\n", "tests", "must be a list")]
    [InlineData("tests:\n  - name: [a\n", "(syntax)", "not valid YAML")]
    public void Bad_files_name_the_file_and_the_key(string yaml, string key, string problem)
    {
        OverrideFile(yaml);

        var error = Assert.Throws<RecipeCiConfigException>(() => _reader.Read(_recipe, _workTree));

        Assert.Equal(_reader.OverridePath(_recipe), error.File);
        Assert.Equal(key, error.Key);
        Assert.StartsWith(_reader.OverridePath(_recipe) + ":", error.Message);
        Assert.Contains(key, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Under_CiOnly_the_recipes_own_tests_never_run_and_each_test_says_where_it_came_from()
    {
        RecipeFile("tests:\n  - name: own\n    command: id > /tmp/owned\n");
        var recipeOnly = _reader.Read(_recipe, _workTree);
        Assert.Equal(["own"], recipeOnly.TestsUnder(Recipes.Ci.Configuration.TestTrust.Recipe).Select(t => t.Name));
        Assert.Equal(TestSource.Recipe, recipeOnly.Tests[0].Source);
        Assert.Empty(recipeOnly.TestsUnder(Recipes.Ci.Configuration.TestTrust.CiOnly));

        OverrideFile("tests:\n  - name: ci-check\n    command: true\n");
        var both = _reader.Read(_recipe, _workTree);
        var ciOnly = Assert.Single(both.TestsUnder(Recipes.Ci.Configuration.TestTrust.CiOnly));
        Assert.Equal(("ci-check", TestSource.CiSide), (ciOnly.Name, ciOnly.Source));
        Assert.Equal(["ci-check"], both.TestsUnder(Recipes.Ci.Configuration.TestTrust.Recipe).Select(t => t.Name));
    }
}
