using Microsoft.Extensions.Logging.Abstractions;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;
using Recipes.Ci.Secrets;
using Recipes.Ci.Tests.Persistence;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;
using TestKit;
using Workflows.Persistence.Configuration;

namespace Recipes.Ci.Tests.Secrets;

/// <summary>
/// The ci-coop fixture (a git repo) loaded as abra would give it to an app: abra.sh's config version in the env and in
/// the config name, and its generated secret per app, kept per app, taken from the canonical for warm-&lt;recipe&gt;,
/// overridden by the CI side's fixed value, new when its version is bumped.
/// </summary>
public sealed class AppSpecSecretsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("app-secrets");
    private readonly string _recipe = UniqueName.For("coop");
    private RecipesDb _db = null!;
    private AppSpecLoader _loader = null!;
    private SecretStore _store = null!;
    private AppSecrets _secrets = null!;

    private string TestsRoot => Path.Combine(_folder.Path, "recipe-tests");

    public async Task InitializeAsync()
    {
        _db = await RecipesDb.CreateAsync(DatabaseProvider.Sqlite);
        var recipesRoot = Path.Combine(_folder.Path, "recipes");
        new FixtureRecipes().CreateRepository("ci-coop", recipesRoot, _recipe);
        var dataDir = Path.Combine(_folder.Path, "data");
        var options = new RecipeCiOptions(dataDir, "ci.localhost", 10,
            new RecipePaths(recipesRoot, TestsRoot, Path.Combine(_folder.Path, "snapshots"), Path.Combine(_folder.Path, "alerts")),
            new PersistenceOptions(DatabaseProvider.Sqlite, "unused"), new DockerOptions(TestEnvironment.DockerEndpoint), AppLockOptions.Default, TimeSpan.FromSeconds(30));
        _store = new SecretStore(Path.Combine(dataDir, "secrets"));
        _secrets = new AppSecrets(_store, _db.Get<CanonicalRegistry>(), options, new SecretGenerator(), NullLogger<AppSecrets>.Instance);
        _loader = new AppSpecLoader(new RecipeCatalog(recipesRoot, options.WorkTreesRoot, NullLogger<RecipeCatalog>.Instance), options, new ComposeLoader(), _secrets);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        _folder.Dispose();
    }

    private Task<AppSpec> LoadAsync(AppName app, string run = "aaaa1111") => _loader.LoadAsync(_recipe, "1.0.0+1.0", run, app, CancellationToken.None);

    [Fact]
    public async Task The_app_gets_abra_sh_versions_and_a_generated_secret_kept_for_it()
    {
        var app = RunApps.Cold(_recipe, "aaaa1111");
        var spec = await LoadAsync(app);

        Assert.Equal("v2", spec.Environment["APP_ENTRYPOINT_VERSION"]);
        Assert.Equal($"{app.Value}_app_entrypoint_v2", spec.Project.Configs["app_entrypoint"].Name);
        Assert.Equal(["compose.yml", "compose.db.yml"], spec.Project.Files.Select(Path.GetFileName));
        var secret = Assert.Single(spec.Secrets);
        Assert.Equal(("db_password", "v1", AppSecretSource.Generated), (secret.Key, secret.Version, secret.Source));
        Assert.Matches("^[A-Za-z0-9]{32}$", secret.Value);
        Assert.DoesNotContain(secret.Value, secret.ToString());
        Assert.Equal(secret.Value, spec.SecretValues["db_password"]);
        Assert.Equal(secret.Value, spec.TestEnvironment["SECRET_DB_PASSWORD"]);
        // A later step of the same run loads the same value; another app gets its own.
        Assert.Equal(secret.Value, (await LoadAsync(app)).Secrets[0].Value);
        Assert.NotEqual(secret.Value, (await LoadAsync(RunApps.Cold(_recipe, "bbbb2222"), "bbbb2222")).Secrets[0].Value);
    }

    [Fact]
    public async Task The_canonical_app_gets_the_values_its_snapshot_was_made_with()
    {
        var coldApp = RunApps.Cold(_recipe, "cccc3333");
        var made = (await LoadAsync(coldApp, "cccc3333")).Secrets[0].Value;
        await PromoteAsync("cccc3333", coldApp);

        var served = await LoadAsync(RunApps.Canonical(_recipe), "cccc3333-s");

        Assert.Equal((made, AppSecretSource.Canonical), (served.Secrets[0].Value, served.Secrets[0].Source));
        Assert.Empty(_store.List(RunApps.Canonical(_recipe)));
        // A canonical's app keeps its values through a purge; an app no canonical refers to does not.
        Assert.False(await _secrets.ForgetAsync(coldApp, CancellationToken.None));
        Assert.NotNull(await _store.GetAsync(coldApp, "db_password", "v1", CancellationToken.None));
        var other = RunApps.Cold(_recipe, "dddd4444");
        await LoadAsync(other, "dddd4444");
        Assert.True(await _secrets.ForgetAsync(other, CancellationToken.None));
        Assert.Empty(_store.List(other));
    }

    [Fact]
    public async Task A_fixed_CI_value_wins_and_a_bumped_version_is_a_new_secret()
    {
        var app = RunApps.Cold(_recipe, "eeee5555");
        var v1 = (await LoadAsync(app, "eeee5555")).Secrets[0].Value;
        Directory.CreateDirectory(Path.Combine(TestsRoot, _recipe));
        await File.WriteAllTextAsync(Path.Combine(TestsRoot, _recipe, ".env"), "SECRET_DB_PASSWORD_VERSION=v2\n");

        var bumped = (await LoadAsync(app, "eeee5555")).Secrets[0];
        Assert.Equal("v2", bumped.Version);
        Assert.NotEqual(v1, bumped.Value);

        Directory.CreateDirectory(Path.Combine(TestsRoot, _recipe, AppSecrets.FixedFolder));
        await File.WriteAllTextAsync(Path.Combine(TestsRoot, _recipe, AppSecrets.FixedFolder, "db_password"), "fixed-password\n");
        var spec = await LoadAsync(RunApps.Canonical(_recipe), "eeee5555-s");
        Assert.Equal(("fixed-password", AppSecretSource.Fixed), (spec.Secrets[0].Value, spec.Secrets[0].Source));
    }

    private async Task PromoteAsync(string runId, AppName app)
    {
        var runs = _db.Get<RunRecords>();
        await runs.StartAsync(new RunStart(runId, "instance-" + runId, RunModes.Cold, _recipe, "1.0.0+1.0", "0000000", null, RunTriggers.Manual, null), CancellationToken.None);
        await runs.SetResultAsync(runId, RunResults.Pass, CancellationToken.None);
        var result = await _db.Get<CanonicalRegistry>().PromoteAsync(runId, "0000000", "1.0.0+1.0", "snap", app.Value, CancellationToken.None);
        Assert.Equal(PromotionKind.Seeded, result.Kind);
    }
}
