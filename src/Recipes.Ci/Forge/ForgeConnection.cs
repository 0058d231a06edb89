namespace Recipes.Ci.Forge;

/// <summary>The configured forge's client, or null when <c>Forge:*</c> is not set.</summary>
public sealed class ForgeConnection(ForgeOptions options, IHttpClientFactory httpClients) : IDisposable
{
    private readonly Lazy<IForgeClient?> _client = new(() => !options.IsConfigured ? null : options.Kind switch
    {
        ForgeKind.Gitea => new GiteaForgeClient(options, httpClients.CreateClient(Http.RecipeCiHttpClients.Forge)),
        ForgeKind.GitHub => new GitHubForgeClient(options),
        _ => null,
    });

    public ForgeOptions Options => options;

    public IForgeClient? Client => _client.Value;

    public void Dispose()
    {
        if (_client.IsValueCreated && _client.Value is IDisposable disposable)
            disposable.Dispose();
    }
}
