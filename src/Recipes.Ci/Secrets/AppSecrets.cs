using Microsoft.Extensions.Logging;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Runs;
using Recipes.Swarm.Compose;
using Recipes.Swarm.Docker;

namespace Recipes.Ci.Secrets;

/// <summary>
/// Gives each <c>external: true</c> secret of an app the value abra would have created for it with
/// <c>abra app secret generate</c>: a secret whose version is set by <c>SECRET_&lt;KEY&gt;_VERSION</c> (as in
/// <c>name: ${STACK_NAME}_&lt;key&gt;_${SECRET_&lt;KEY&gt;_VERSION}</c>) gets, in this order:
/// <list type="number">
/// <item>the CI side's fixed value, <c>Recipes:TestsRoot/&lt;recipe&gt;/secrets/&lt;key&gt;</c> (one trailing newline dropped);</item>
/// <item>for the canonical app <c>warm-&lt;recipe&gt;</c>, the value the canonical's snapshot was made with: the
/// promoting cold run's, which the store keeps as long as a canonical refers to that run's app;</item>
/// <item>the value generated for this app before (a re-run, a later step of the same run);</item>
/// <item>a new value per the <c>.env.sample</c> hint (<see cref="SecretHint"/>), stored before it is used.</item>
/// </list>
/// A new <c>SECRET_&lt;KEY&gt;_VERSION</c> is a new secret: nothing stored under the old version is reused.
/// </summary>
public sealed class AppSecrets(SecretStore store, CanonicalRegistry canonicals, RecipeCiOptions options, SecretGenerator generator, ILogger<AppSecrets> logger)
{
    public const string FixedFolder = "secrets";

    /// <summary><c>db_password</c> -> <c>DB_PASSWORD</c>, as in <c>SECRET_DB_PASSWORD_VERSION</c>.</summary>
    public static string EnvironmentKey(string key) => key.ToUpperInvariant().Replace('-', '_').Replace('.', '_');

    public async Task<IReadOnlyList<AppSecret>> ResolveAsync(
        string recipe, AppName app, string recipeDirectory, AppEnvironment environment, ComposeProject project, CancellationToken cancellationToken)
    {
        var sample = Path.Combine(recipeDirectory, AppEnvironment.SampleFileName);
        var hints = File.Exists(sample)
            ? SecretHint.ReadAll(await File.ReadAllTextAsync(sample, cancellationToken), AppEnvironment.SampleFileName)
            : new Dictionary<string, SecretHint>();
        Canonical? canonical = null;
        if (app == RunApps.Canonical(recipe))
            canonical = await canonicals.GetAsync(recipe, cancellationToken);

        var secrets = new List<AppSecret>();
        foreach (var (key, definition) in project.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!definition.External || VersionOf(key, definition, app, environment) is not { } version) continue;
            var hint = hints.GetValueOrDefault(VersionVariable(key), SecretHint.Default);
            secrets.Add(await ValueAsync(recipe, app, key, version, hint, canonical, cancellationToken));
        }
        if (secrets.Count > 0)
            logger.LogInformation("App {App}: secrets {Secrets}", app.Value, string.Join(", ", secrets)); // AppSecret.ToString has no value
        return secrets;
    }

    /// <summary>
    /// Deletes the values generated for <paramref name="app"/> (its volumes are gone, so nothing needs them) unless a
    /// canonical was made from that app's data. True when something was deleted.
    /// </summary>
    public async Task<bool> ForgetAsync(AppName app, CancellationToken cancellationToken)
    {
        var referenced = (await canonicals.ListAsync(cancellationToken)).Any(c => c.SnapshotApp == app.Value);
        if (referenced) return false;
        var forgotten = store.Forget(app);
        if (forgotten) logger.LogInformation("Secret values of {App} deleted", app.Value);
        return forgotten;
    }

    public static string VersionVariable(string key) => $"SECRET_{EnvironmentKey(key)}_VERSION";

    // The version from SECRET_<KEY>_VERSION; failing that, the "_<version>" tail of a name "<stack>_<key>_<version>".
    private static string? VersionOf(string key, FileObjectDefinition definition, AppName app, AppEnvironment environment)
    {
        if (environment[VersionVariable(key)] is { Length: > 0 } version) return version;
        var prefix = $"{app.Value}_{key}_";
        return definition.Name is { } name && name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length
            ? name[prefix.Length..]
            : null;
    }

    private async Task<AppSecret> ValueAsync(
        string recipe, AppName app, string key, string version, SecretHint hint, Canonical? canonical, CancellationToken cancellationToken)
    {
        var fixedFile = Path.Combine(options.Paths.TestsRoot, recipe, FixedFolder, key);
        if (File.Exists(fixedFile))
        {
            var text = await File.ReadAllTextAsync(fixedFile, cancellationToken);
            return new AppSecret(key, version, text.EndsWith('\n') ? text[..^1] : text, AppSecretSource.Fixed);
        }
        if (canonical is not null && AppName.TryParse(canonical.SnapshotApp, out var made)
            && await store.GetAsync(made, key, version, cancellationToken) is { } kept)
            return new AppSecret(key, version, kept, AppSecretSource.Canonical);
        if (!hint.Generate && await store.GetAsync(app, key, version, cancellationToken) is null)
            throw new SecretException(
                $"Secret '{key}' of recipe {recipe} is marked generate=false in .env.sample: put its value in {fixedFile}.");
        var value = await store.GetOrAddAsync(app, key, version, () => generator.Generate(hint), cancellationToken);
        return new AppSecret(key, version, value, AppSecretSource.Generated);
    }
}
