using System.Text.RegularExpressions;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Tenants;

/// <summary>Realm names of runs: <c>ci-&lt;run&gt;</c>. Only realms matching this pattern are ever listed or reaped.</summary>
public static partial class KeycloakRealmName
{
    public static string For(RunId run) => "ci-" + run.Value;

    public static bool TryParseRun(string realm, out RunId run)
    {
        run = null!;
        var match = Pattern().Match(realm);
        return match.Success && RunId.TryParse(match.Groups[1].Value, out run);
    }

    [GeneratedRegex("^ci-([a-z0-9-]{1,40})\\z")]
    private static partial Regex Pattern();
}
