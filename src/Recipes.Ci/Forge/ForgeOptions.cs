namespace Recipes.Ci.Forge;

/// <summary>The forge recipeci reports to (<c>Forge:*</c>).</summary>
/// <param name="Kind"><c>Forge:Kind</c>; <see cref="ForgeKind.None"/> posts nothing.</param>
/// <param name="Url"><c>Forge:Url</c>: the forge's base URL (e.g. <c>https://git.coopcloud.tech</c>, <c>https://api.github.com</c>).</param>
/// <param name="Token"><c>Forge:Token</c>: an API token allowed to post statuses and comments. Never logged.</param>
/// <param name="PublicUrl"><c>Forge:PublicUrl</c>: this server's public base URL, the base of every status's <c>target_url</c>.</param>
/// <param name="Comment"><c>Forge:Comment</c>: also post the test table as a pull request comment when a run finishes.</param>
public sealed record ForgeOptions(ForgeKind Kind, Uri? Url, string? Token, Uri? PublicUrl, bool Comment)
{
    public static readonly ForgeOptions None = new(ForgeKind.None, null, null, null, false);

    /// <summary>True when statuses can be posted: a kind, a URL and a token.</summary>
    public bool IsConfigured => Kind != ForgeKind.None && Url is not null && !string.IsNullOrEmpty(Token);

    /// <summary>Keeps the token out of logs and exception messages that print records.</summary>
    public override string ToString() =>
        $"ForgeOptions {{ Kind = {Kind}, Url = {Url}, Token = {(string.IsNullOrEmpty(Token) ? "(not set)" : "(set)")}, PublicUrl = {PublicUrl}, Comment = {Comment} }}";
}
