namespace Recipes.Ci.Configuration;

/// <summary>Configuration section <c>Ci</c>.</summary>
/// <param name="Domain">Apps are served as <c>&lt;app&gt;.&lt;Domain&gt;</c>.</param>
/// <param name="MaxTests">The most cold runs one nightly sweep starts.</param>
/// <param name="WebhookSecret">HMAC secret shared with the forge; null disables the webhook.</param>
/// <param name="ApiKey">Key for <c>/elsa/api</c> and Studio login; null means the API refuses every call.</param>
public sealed record CiOptions(string Domain, int MaxTests, string? WebhookSecret, string? ApiKey)
{
    /// <summary>
    /// <c>Ci:WarmCanonicals</c>: keep each recipe's canonical app <c>warm-&lt;recipe&gt;</c> deployed between runs, so a
    /// quick run reattaches without a deploy. Off, canonicals are kept as restored volumes only (no memory used between
    /// runs) and every quick run deploys the canonical first.
    /// </summary>
    public bool WarmCanonicals { get; init; } = true;

    /// <summary><c>Ci:PromoteFrom</c>: the refs whose commits may become a canonical (see <see cref="Canonicals.PromoteFrom"/>).</summary>
    public Canonicals.PromoteFrom PromoteFrom { get; init; } = Canonicals.PromoteFrom.Default;
}
