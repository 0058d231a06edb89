using System.Collections.Concurrent;
using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Recipes.Ci.Catalog;

namespace Recipes.Ci.Forge;

/// <summary>
/// A recipe's repo under <c>Recipes:Root</c> follows its forge remote <c>origin</c>: a fetch makes the local branches
/// and tags the forge's (<c>+refs/heads/*:refs/heads/*</c>, <c>+refs/tags/*:refs/tags/*</c>), and a pull request's
/// head, also a fork's, becomes the local branch <c>pull/&lt;n&gt;/head</c> (from <c>refs/pull/&lt;n&gt;/head</c>, where
/// Gitea, Forgejo and GitHub keep it). Those repos are recipeci's own clones: nobody works in them, so the forge wins.
/// A recipe without <c>origin</c> is local-only and never fetched. Fetches of one recipe run one at a time.
/// </summary>
public sealed class RecipeRemotes(string recipesRoot, ForgeOptions forge, ILogger<RecipeRemotes> logger)
{
    public const string Remote = "origin";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<LibGit2SharpException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    /// <summary>The local branch a pull request's head is fetched into.</summary>
    public static string PullRequestBranch(string pr) => $"pull/{pr}/head";

    /// <summary>The URL of the recipe's <c>origin</c>, or null when it has none (a local-only recipe).</summary>
    public string? RemoteUrl(RecipeName recipe)
    {
        var path = RepositoryPath(recipe);
        if (!Repository.IsValid(path))
            return null;
        using var repo = new Repository(path);
        return repo.Network.Remotes[Remote]?.Url;
    }

    /// <summary>
    /// Fetches branches, tags and (with <paramref name="pr"/>) the pull request's head from <c>origin</c>, retried;
    /// does nothing for a recipe without <c>origin</c>. Throws <see cref="CatalogException"/> naming the remote and ref.
    /// </summary>
    public async Task FetchAsync(RecipeName recipe, string? pr, string what, CancellationToken cancellationToken)
    {
        if (RemoteUrl(recipe) is not { } url)
            return;
        var gate = _locks.GetOrAdd(recipe.Value, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var refSpecs = new List<string> { "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*" };
            if (pr is not null)
                refSpecs.Add($"+refs/pull/{pr}/head:refs/heads/{PullRequestBranch(pr)}");
            await _retry.ExecuteAsync(_ => ValueTask.FromResult(Fetch(recipe, refSpecs)), cancellationToken);
            logger.LogInformation("Fetched {Recipe} from {Remote} ({Url}) for {What}", recipe.Value, Remote, Redact(url), what);
        }
        catch (LibGit2SharpException e)
        {
            throw new CatalogException(
                $"Fetching {what} of recipe {recipe} from remote '{Remote}' ({Redact(url)}) failed after 4 attempts: {e.Message}. " +
                "Check that the remote is reachable and the ref exists there.", e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Clones <paramref name="url"/> as recipe <paramref name="recipe"/> under Recipes:Root (its remote is <c>origin</c>).</summary>
    public string Add(RecipeName recipe, string url)
    {
        var path = RepositoryPath(recipe);
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
            throw new CatalogException($"Recipe {recipe} already exists at {path}; remove it first or pick another name.");
        Directory.CreateDirectory(recipesRoot);
        try
        {
            Repository.Clone(url, path, new CloneOptions(new FetchOptions { CredentialsProvider = Credentials }));
        }
        catch (LibGit2SharpException e)
        {
            throw new CatalogException($"Cloning {Redact(url)} as recipe {recipe} failed: {e.Message}. Check the URL and that this host can reach it.", e);
        }
        return path;
    }

    private bool Fetch(RecipeName recipe, List<string> refSpecs)
    {
        using var repo = new Repository(RepositoryPath(recipe));
        Commands.Fetch(repo, Remote, refSpecs, new FetchOptions { CredentialsProvider = Credentials, TagFetchMode = TagFetchMode.None }, null);
        return true;
    }

    /// <summary>
    /// HTTPS remotes on the configured forge authenticate with <c>Forge:Token</c> (both forges accept a token as the
    /// password); the token is never sent to any other host.
    /// </summary>
    private Credentials Credentials(string url, string? usernameFromUrl, SupportedCredentialTypes types) =>
        !string.IsNullOrEmpty(forge.Token) && IsForgeHost(url)
            ? new UsernamePasswordCredentials { Username = usernameFromUrl ?? "x-access-token", Password = forge.Token }
            : new DefaultCredentials();

    private bool IsForgeHost(string url)
    {
        if (forge.Url is null || !Uri.TryCreate(url, UriKind.Absolute, out var remote))
            return false;
        var host = forge.Url.Host;
        // GitHub's API lives on api.github.com, its repositories on github.com.
        return string.Equals(remote.Host, host, StringComparison.OrdinalIgnoreCase)
               || string.Equals(host, "api.github.com", StringComparison.OrdinalIgnoreCase) && string.Equals(remote.Host, "github.com", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A URL without any user or password in it, for messages and logs.</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? url.Replace(uri.UserInfo + "@", "***@", StringComparison.Ordinal)
            : url;

    private string RepositoryPath(RecipeName recipe) => Path.Combine(recipesRoot, recipe.Value);
}
