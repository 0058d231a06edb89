using Recipes.Swarm.Docker;

namespace Recipes.Swarm.Compose;

/// <summary>
/// The variables a recipe's compose files are interpolated with: the app's <c>.env</c>, made from the recipe's
/// <c>.env.sample</c>, then the caller's overrides, then <c>STACK_NAME</c> (the app name, which namespaces the stack)
/// and <c>DOMAIN</c>, which always win. The process environment is deliberately not used, so a deploy does not
/// depend on the shell it runs from.
/// </summary>
public sealed record AppEnvironment(IReadOnlyDictionary<string, string> Variables)
{
    public const string SampleFileName = ".env.sample";

    public string? this[string name] => Variables.TryGetValue(name, out var value) ? value : null;

    public static async Task<AppEnvironment> ForAppAsync(
        string recipeDirectory,
        AppName app,
        string domain,
        IReadOnlyDictionary<string, string>? overrides = null,
        CancellationToken cancellationToken = default)
    {
        var sample = Path.Combine(recipeDirectory, SampleFileName);
        var variables = File.Exists(sample)
            ? new Dictionary<string, string>(EnvFile.Parse(await File.ReadAllTextAsync(sample, cancellationToken), SampleFileName), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) variables[key] = value;
        variables["STACK_NAME"] = app.Value;
        variables["DOMAIN"] = domain;
        return new AppEnvironment(variables);
    }
}
