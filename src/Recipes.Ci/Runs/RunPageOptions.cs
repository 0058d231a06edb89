namespace Recipes.Ci.Runs;

/// <summary>How run pages are addressed and who may read them.</summary>
/// <param name="BaseUrl">The public base of page links: <c>Forge:PublicUrl</c>, else the server's first URL.</param>
/// <param name="Key">The key the per-run tokens are derived from (see <see cref="RunPageLinks"/>).</param>
/// <param name="Public"><c>Ci:PublicRunPages</c>: every run page and <c>/runs</c> readable without a token or the admin key.</param>
public sealed record RunPageOptions(Uri BaseUrl, byte[] Key, bool Public)
{
    public const string DefaultBaseUrl = "http://127.0.0.1:5080/";
}
