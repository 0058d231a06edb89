namespace Recipes.Ci.Webhooks;

/// <summary>The result of checking a webhook signature.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,

    /// <summary>Present but not in the sender's format (e.g. no <c>sha256=</c> prefix, not hex, wrong length).</summary>
    Malformed,

    /// <summary>Well-formed but not the HMAC of this body with the configured secret.</summary>
    Mismatch,
}
