namespace Recipes.Ci.Secrets;

/// <summary>
/// The value an app's <c>external: true</c> secret gets: compose key, version (<c>SECRET_&lt;KEY&gt;_VERSION</c>) and
/// where the value came from. <see cref="ToString"/> leaves the value out, so a logged secret shows no value.
/// </summary>
public sealed record AppSecret(string Key, string Version, string Value, AppSecretSource Source)
{
    /// <summary>The variable tests see it as: <c>SECRET_&lt;KEY&gt;</c>.</summary>
    public string EnvironmentName => "SECRET_" + AppSecrets.EnvironmentKey(Key);

    public override string ToString() => $"{Key} {Version} ({Source})";
}

public enum AppSecretSource
{
    /// <summary>The CI side's fixed value, <c>Recipes:TestsRoot/&lt;recipe&gt;/secrets/&lt;key&gt;</c>.</summary>
    Fixed,

    /// <summary>The value the recipe's canonical was made with (its promoting cold run's).</summary>
    Canonical,

    /// <summary>Generated for this app now or earlier, kept in the secret store.</summary>
    Generated,
}
