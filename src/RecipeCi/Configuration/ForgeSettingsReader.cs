using Microsoft.Extensions.Configuration;
using Recipes.Ci.Forge;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads <c>Forge:*</c>: <c>Kind</c> (Gitea, Forgejo = Gitea, GitHub), <c>Url</c>, <c>Token</c>, <c>PublicUrl</c> and
/// <c>Comment</c>. No kind means no forge. Every problem is named, none shows the token.
/// </summary>
public sealed class ForgeSettingsReader(IConfiguration configuration)
{
    /// <summary>Throws <see cref="ConfigurationException"/> naming every problem.</summary>
    public ForgeOptions Read()
    {
        var problems = new List<string>();
        var forge = Read(problems);
        return problems.Count == 0 ? forge : throw new ConfigurationException(problems);
    }

    /// <summary>Adds every problem to <paramref name="problems"/>; <see cref="ForgeOptions.None"/> stands in for a bad section.</summary>
    public ForgeOptions Read(List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var kindText = configuration["Forge:Kind"]?.Trim();
        if (string.IsNullOrEmpty(kindText))
        {
            // No forge: Forge:PublicUrl may still be set (the run pages use it); it must be valid all the same.
            var onlyPublic = HttpUrl("Forge:PublicUrl", problems);
            return ForgeOptions.None with { PublicUrl = onlyPublic };
        }
        var kind = kindText.ToLowerInvariant() switch
        {
            "gitea" or "forgejo" => ForgeKind.Gitea,
            "github" => ForgeKind.GitHub,
            _ => ForgeKind.None,
        };
        if (kind == ForgeKind.None)
            problems.Add($"Forge:Kind '{kindText}' is not known; use Gitea (also for Forgejo) or GitHub, or leave it empty for no forge.");
        var url = HttpUrl("Forge:Url", problems);
        if (url is null)
            problems.Add("Forge:Url is required with Forge:Kind (e.g. https://git.coopcloud.tech, or https://api.github.com for GitHub).");
        var token = configuration["Forge:Token"];
        if (string.IsNullOrWhiteSpace(token))
            problems.Add("Forge:Token is required with Forge:Kind: an API token allowed to write commit statuses (environment RECIPECI_Forge__Token).");
        var publicUrl = HttpUrl("Forge:PublicUrl", problems);
        if (publicUrl is null)
            problems.Add("Forge:PublicUrl is required with Forge:Kind: this server's public URL, the base of each status's link to its run page.");
        var comment = configuration["Forge:Comment"];
        if (comment is not null && !bool.TryParse(comment, out _))
            problems.Add($"Forge:Comment must be true or false, not '{comment}'.");
        if (problems.Count > 0)
            return ForgeOptions.None;
        return new ForgeOptions(kind, url, token, publicUrl, comment is not null && bool.Parse(comment));
    }

    private Uri? HttpUrl(string key, List<string> problems)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.UserInfo))
            return uri;
        problems.Add($"{key} '{text}' must be an absolute http or https URL without a user or password.");
        return null;
    }
}
