using System.Text.RegularExpressions;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Testing;

/// <summary>
/// What a recipe's test commands see: <c>APP</c>, <c>DOMAIN</c>, <c>RUN_ID</c>, the run's tenant variables
/// (<c>TENANT_*</c>) and the app's own env (from its <c>.env</c>).
/// </summary>
/// <param name="AppEnvironment">The app's env; it cannot override the CI variables.</param>
/// <param name="TenantEnvironment">Every key starts with <c>TENANT_</c>.</param>
public sealed partial record TestRunContext(
    string App,
    string Domain,
    RunId Run,
    IReadOnlyDictionary<string, string> TenantEnvironment,
    IReadOnlyDictionary<string, string> AppEnvironment)
{
    /// <summary>
    /// Whose tests the run trusts and why (<c>CiOnly (fork)</c>, <c>CiOnly (config)</c>, <c>Recipe</c>): the report's
    /// <c>recipeci.tests.trust</c> property; null leaves it out.
    /// </summary>
    public string? Trust { get; init; }

    /// <summary>The variables to add to the test's environment; later sources win: app env, tenant, CI.</summary>
    public IReadOnlyDictionary<string, string> BuildEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in AppEnvironment) env[CheckName(key)] = value;
        foreach (var (key, value) in TenantEnvironment)
        {
            if (!key.StartsWith("TENANT_", StringComparison.Ordinal)) throw new ArgumentException($"Tenant variable '{key}' must start with TENANT_.");
            env[CheckName(key)] = value;
        }
        env["APP"] = App;
        env["DOMAIN"] = Domain;
        env["RUN_ID"] = Run.Value;
        return env;
    }

    private static string CheckName(string key) =>
        EnvName().IsMatch(key) ? key : throw new ArgumentException($"'{key}' is not a valid environment variable name.");

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\z")]
    private static partial Regex EnvName();
}
