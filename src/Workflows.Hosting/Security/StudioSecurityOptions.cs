namespace Workflows.Hosting.Security;

/// <summary>
/// What the composition root tells the hosting layer about credentials. <paramref name="ApiKey"/> null or blank
/// means no key is configured: the Elsa API then refuses every call and Studio login is impossible.
/// </summary>
/// <param name="ApiKey">The shared key accepted as <c>Authorization: ApiKey &lt;key&gt;</c> and on the login page.</param>
/// <param name="ApiKeySettingHint">How an operator sets the key, shown on the login page and in 401 bodies.</param>
public sealed record StudioSecurityOptions(string? ApiKey, string ApiKeySettingHint = "the ApiKey setting")
{
    /// <summary>How long a Studio session cookie lives without use (sliding).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Login form posts accepted per client address and minute (ASP.NET Core rate limiting); more get 429.</summary>
    public int LoginAttemptsPerMinute { get; init; } = 20;

    /// <summary>Wrong keys (header or form) accepted per client address and minute; past it every attempt gets 429.</summary>
    public int FailedAttemptsPerMinute { get; init; } = 10;
}
